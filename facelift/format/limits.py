"""Every bound on a routine and on the cost of reading one, and on the options a routine is
played with, in one place.

A routine file is untrusted input (routines are shared), so each cost of reading it has a
bound: far above what a real routine needs, far below what would hang a command or fill
the memory. The loader, the library and the sound reader enforce them, each as a located
error; the JSON Schema and the docs can quote them from here.
"""

from __future__ import annotations

# -- a routine file -------------------------------------------------------------------------
MAX_FILE_BYTES = 1024 * 1024  # a routine is a few KB
MAX_NESTING = 32  # YAML levels of lists and mappings; a routine needs four
# Characters of text read from one file, each time an alias reaches them (without aliases a
# file cannot hold more), and in one routine with its includes.
MAX_TEXT = 1024 * 1024
# Values (keys too) in one file, and read from it counting each time an alias reaches
# them: bounds the work a file, or an anchor repeated many times, can ask for.
MAX_VALUES = 20_000  # the largest built-in routine has about 300
MAX_PROBLEMS = 50  # the errors listed for one file; a count of the rest follows
MAX_FOUND = 1_000  # reading a file stops after finding this many errors

# -- a routine as played ---------------------------------------------------------------------
MAX_ITEMS = 2_000  # steps and rests, counting those that includes bring
MAX_INCLUDE_DEPTH = 10  # a routine including one that includes another ... this many levels
MIN_STEP, MAX_STEP = 1.0, 2 * 3600.0  # seconds of one step or rest
MAX_ROUTINE = 6 * 3600.0  # seconds of a whole routine with its includes
MIN_TEMPO, MAX_TEMPO = 0.5, 60.0  # seconds of one stroke
MIN_PAUSE = 0.0  # defaults.rest may be 0s: no pause between steps
MAX_STROKES = 1000
MAX_REPEAT = 100
FIRST_PART, LAST_PART = 1, 4
MAX_CUE_WORDS = 400  # characters of one round's cue: a few words said as the hands move

# -- pressure: one scale everywhere ------------------------------------------------------------
MIN_PRESSURE, MAX_PRESSURE = 0, 10  # 0 is skin contact only; 10 the most one could bear
# The words of the first format, still read in a user's own files (with advice to write the
# number): where each sat on the scale.
PRESSURE_WORDS = {"feather": 1, "light": 3, "medium": 5, "firm": 7}

# -- waiting and fitting -----------------------------------------------------------------------
# A step that waits for a key (gloves on, oil off) plans no time on the clock: lengths are
# shown as the clock's, "+ your time".
WAIT_SECONDS = 0.0
# --minutes changes a stroke's tempo by at most this share, unless a routine sets its own
# `tempo_band` (from 0% to MAX_TEMPO_BAND); strokes, rounds and seconds give way first.
DEFAULT_TEMPO_BAND = 0.2
MAX_TEMPO_BAND = 0.5
# ...and those amounts change at most so much: a quarter of each step, up to four times it.
MIN_FIT_AMOUNT, MAX_FIT_AMOUNT = 0.25, 4.0

# -- a sound file ------------------------------------------------------------------------------
MAX_SOUND_BYTES = 16 * 1024 * 1024  # a cue is a second or two: ~100 KB
MIN_RATE, MAX_RATE = 8_000, 192_000  # frames a second
MAX_CHANNELS = 2


# -- the options a routine is played with (flags and config.toml alike) ------------------
LEAD_IN = 5.0  # seconds to get ready before the first step, unless asked otherwise
MAX_LEAD_IN = 120.0
VOLUME = 100  # percent of the cues' and the voice's full loudness
MAX_VOLUME = 100
