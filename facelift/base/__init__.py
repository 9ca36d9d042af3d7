"""The ground floor: errors, the user's folders, the package's data, bounded file reading
and making text safe for a terminal. Imports nothing else of facelift."""
