"""The ground floor: errors, the user's folders, the package's data, bounded file reading,
strict JSON, making text safe to show, and how things are worded. Imports nothing else of
facelift."""
