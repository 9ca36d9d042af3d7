"""What a person sees and hears: the live screen, plain lines, cue sounds and the voice
through the audio backends, a routine as JSON, Markdown or a Rich page, and the rendered
audio file with its chapters. Each is a sink of the player's events or a view of data."""
