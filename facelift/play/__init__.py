"""The pure play core: the timeline (every timing decision, made once, as data) and the
fitting of a routine into a length, the player (a loop over absolute deadlines on an
injected clock and key source), the clocks, and the recorder that turns the player's
events into a session record with its journal."""
