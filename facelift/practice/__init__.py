"""The practice over time: the SQLite store of sessions and journal (with pending files so
nothing is lost), the maths of streaks, weeks and journal entries, and the active plan."""
