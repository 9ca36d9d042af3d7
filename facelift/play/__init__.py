"""The pure play core: the timeline (every timing decision, made once, as data), the player
(a loop over absolute deadlines on an injected clock and key source), and the recorder that
turns the player's events into a session record."""
