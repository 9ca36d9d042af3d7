"""The practice over time: the SQLite store of sessions and journal (with pending files so
nothing is lost), reading the history, resuming a stopped session and linking it to the
one it goes on from, the maths of streaks, weeks and journal entries, the active plan and
what today holds."""
