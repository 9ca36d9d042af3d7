"""The routine model and its file formats: YAML routines and plans read into frozen
dataclasses (the loader is the only YAML reader), their bounds, schemas and advice, the zone
vocabulary, cue sounds as WAV data, and finding routines and plans by name."""
