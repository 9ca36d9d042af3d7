"""How the command line reads its values and describes itself: each parameter as a word
(`NAME`, `N`, `0-100`, `FILE`), each bad value as one sentence naming the option, and each
command in the list as one whole sentence.

Values are read by plain functions (Typer's `parser=`), so parsing an option costs a function
call and the help shows only the words given here, never a type's notation.
"""

from __future__ import annotations

import gc
import math
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandInfo

from facelift.base.wording import first_sentence
from facelift.format.limits import LEAD_IN, MAX_LEAD_IN, MAX_VOLUME, VOLUME
from facelift.output.choices import AUDIO_WORDS, AudioChoice

Parser = Callable[[Any], Any]
CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])


class BadValue(typer.BadParameter):
    """`--volume: expected a number from 0 to 100, got 101` (usage error, exit status 2)."""

    def format_message(self) -> str:
        param = self.param
        if param is None:
            return self.message
        if param.param_type_name == "option":
            hint = next((o for o in param.opts if o.startswith("--")), param.opts[0])
        else:
            hint = param.human_readable_name
        return f"{hint}: {self.message}"


def number(low: float, high: float | None = None, *, whole: bool = False) -> Parser:
    """A number from `low` (to `high`), as typed: `5`, `2.5`; whole when `whole`."""
    span = (
        f"from {_plain(low)} to {_plain(high)}" if high is not None else f"of {_plain(low)} or more"
    )

    def parse(value: Any) -> int | float:
        try:
            read = float(value)
        except (TypeError, ValueError):
            read = math.nan
        # endless is let through where there is no top (`--minutes inf`: the fit explains)
        if math.isnan(read) or read < low or (high is not None and read > high):
            raise BadValue(f"expected a number {span}, got {value}")
        if whole and not read.is_integer():
            raise BadValue(f"expected a whole number {span}, got {value}")
        return int(read) if whole else read

    return parse


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def one_of(choices: tuple[str, ...]) -> Parser:
    """One word of `choices`, exactly as written."""
    listed = ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]

    def parse(value: Any) -> str:
        text = str(value)
        if text not in choices:
            raise BadValue(f"expected {listed}, got {value}")
        return text

    return parse


def completing(choices: tuple[str, ...]) -> Callable[[str], list[str]]:
    """Tab completion for a word of `choices`."""

    def complete(incomplete: str) -> list[str]:
        return [choice for choice in choices if choice.startswith(incomplete)]

    return complete


# -- the commands' own look -------------------------------------------------------------------


def _name(info: CommandInfo) -> str | None:
    """The word that calls a registered command, as Typer derives it."""
    if info.name:
        return info.name
    callback = getattr(info.callback, "__name__", None)
    return typer.main.get_command_name(callback) if callback else None


class Command(TyperCommand):
    """A Typer command whose usage line names its arguments as words (`NAME`, `FILE...`) and
    whose line in the list of commands is its first sentence, never cut short."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:  # Click's own Context
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                pieces += param.get_usage_pieces(ctx)
                continue
            word = param.metavar or (param.name or "").upper()  # NAME, FILE...
            pieces.append(word if param.required or word.startswith("[") else f"[{word}]")
        return pieces

    def invoke(self, ctx: Any) -> Any:
        if not gc.isenabled():  # held back through start-up by facelift.__main__
            gc.freeze()  # what start-up made is kept, and never looked through again
            gc.enable()
        return super().invoke(ctx)

    def get_short_help_str(self, limit: int = 45) -> str:
        if self.short_help:
            return super().get_short_help_str(limit)
        return first_sentence(self.help or "")


class Group(TyperGroup):
    """A group of commands (`plan`) whose line in the list is its whole first sentence."""

    def get_short_help_str(self, limit: int = 45) -> str:
        if self.short_help:
            return super().get_short_help_str(limit)
        return first_sentence(self.help or "")


class App(typer.Typer):
    """Typer, with every command made as a `Command`, and run with only the command asked
    for built: Typer reads every command's signature before it parses anything, and one is
    enough to parse, explain or refuse `facelift show ...` exactly as the whole tree would.
    The whole tree is built for anything else (`--help`, a mistyped command, completion)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        given = args[0] if args else kwargs.get("args")  # Click's main(args=None, ...)
        words = list(sys.argv[1:] if given is None else given)
        everything, groups = self.registered_commands, self.registered_groups
        completing = any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)
        asked = [c for c in everything if words and _name(c) == words[0]]
        asked_group = [g for g in groups if words and g.name == words[0]]
        if (asked or asked_group) and not completing:
            self.registered_commands, self.registered_groups = asked, asked_group
        try:
            return super().__call__(*args, **kwargs)
        finally:
            self.registered_commands, self.registered_groups = everything, groups

    def command(  # the same, with another default for cls
        self, name: str | None = None, *, cls: type[TyperCommand] | None = None, **settings: Any
    ) -> Callable[[CommandFunction], CommandFunction]:
        return super().command(name, cls=cls or Command, **settings)


# -- the parameters several commands share ----------------------------------------------------


def completing_names(names: Callable[[], list[str]]) -> Callable[[str], list[str]]:
    """Tab completion from `names()`, read only when the shell asks."""

    def complete(incomplete: str) -> list[str]:
        try:
            found = names()
        except Exception:  # completion must never print a traceback into the shell
            return []
        return [name for name in found if name.startswith(incomplete)]

    return complete


def _routine_names() -> list[str]:
    """Every routine's name, read, never expanded: quick whatever the folder holds (a broken
    file is still offered)."""
    from facelift.format.library import Library

    return Library.default().names()


def _plan_names() -> list[str]:
    from facelift.format.plans_library import Plans

    return [entry.name for entry in Plans.default().entries()]


complete_names = completing_names(_routine_names)
complete_plans = completing_names(_plan_names)


RoutineName = Annotated[
    str,
    typer.Argument(
        help="A routine name, a unique prefix, or a .yaml file.",
        autocompletion=complete_names,
        metavar="NAME",
    ),
]


def lead_in_option(before: str) -> Any:
    return typer.Option(
        metavar="SECONDS",
        parser=number(0, MAX_LEAD_IN),
        help=f"Seconds to get ready before {before} [{LEAD_IN:g}].",
    )


def output_option(help: str) -> Any:
    """`--output FILE` (`-o`)."""
    return typer.Option("--output", "-o", metavar="FILE", help=help)


# None: not given on the command line, so config.toml (or the default) decides.
LeadIn = Annotated[float | None, lead_in_option("step 1")]
ResumeLeadIn = Annotated[float | None, lead_in_option("the step you go on from")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Skip the questions before the start.")]
Plain = Annotated[bool, typer.Option("--plain", help="One line per event, no live screen.")]
Mute = Annotated[bool | None, typer.Option("--mute/--no-mute", help="Start with the sound off.")]


def audio_option(help: str) -> Any:
    """`--audio auto|simpleaudio|system|bell|none`, read as an AudioChoice."""
    word = one_of(AUDIO_WORDS)
    return typer.Option(
        metavar="|".join(AUDIO_WORDS),
        parser=lambda value: AudioChoice(word(value)),
        autocompletion=completing(AUDIO_WORDS),
        help=help,
    )


def volume_option(help: str) -> Any:
    return typer.Option(
        metavar=f"0-{MAX_VOLUME}", parser=number(0, MAX_VOLUME, whole=True), help=help
    )


Audio = Annotated[
    AudioChoice | None, audio_option("How cues sound; auto tries each in turn [auto].")
]
Volume = Annotated[int | None, volume_option(f"Loudness of cues and voice [{VOLUME}].")]
Voice = Annotated[
    bool | None,
    typer.Option("--voice/--no-voice", help="Speak each step, side and what comes next."),
]
Journal = Annotated[
    bool | None,
    typer.Option("--journal/--no-journal", help="Ask the check-in and journal questions."),
]
Minutes = Annotated[
    float | None,
    typer.Option(metavar="N", parser=number(0.1), help="Fit the routine into N minutes."),
]
FromStep = Annotated[
    int, typer.Option(metavar="K", parser=number(1, whole=True), help="Start at step K.")
]
