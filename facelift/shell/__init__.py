"""The imperative shell around a session: the terminal (keys without Enter, signals, Ctrl-Z),
the check-in and reflection, the standard streams, the settings file, and the session wiring
that plays a timeline with a real clock, keys, sound and store."""
