"""The imperative shell around a session: the session wiring that plays a timeline in the
world of a `SessionIO` (a real terminal, or a test's fake clock), the notes and check-in
before and the reflection after, the terminal (keys without Enter, signals, Ctrl-Z), the
standard streams, and the settings file."""
