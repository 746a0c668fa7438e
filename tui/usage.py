"""What Click itself says to people: usage errors as one coded line, and help that wraps.

Click reports a mistyped command line in a multi-line English box, and help
text of Chinese has no space to wrap at. Every Typer app and command here is
built from the classes below (DutyTyper), so the root group turns each Click
usage error into a Refusal that tui.errors words, and every help page is
drawn by tui.help_format, which folds Chinese by terminal cells.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

import click
import typer
from typer.core import TyperCommand, TyperGroup

from .help_format import Context, command_rows, write_params
from .options import refuse


class ExtraArguments(click.UsageError):
    """More positional words than a command takes: usually text with a space that was not quoted."""

    def __init__(self, extra: list[str], ctx: click.Context):
        super().__init__(f"unexpected extra arguments: {extra}", ctx)
        self.extra = extra


ARGS = "duty-tui.args"  # ctx.meta: the words the command being parsed was given (see rejected_value)


def _parse_args(parse: Callable[[click.Context, list[str]], list[str]], ctx: click.Context,
                args: list[str]) -> list[str]:
    """Parse, naming the context on every usage error: Click's parser raises BadOptionUsage without one."""
    ctx.meta[ARGS] = list(args)
    try:
        return parse(ctx, args)
    except click.UsageError as error:
        if error.ctx is None:
            error.ctx = ctx
        raise


class DutyCommand(TyperCommand):
    context_class = Context

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Click fails on extra arguments with only an English sentence; the words themselves are kept here.
        strict = not ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest = _parse_args(super().parse_args, ctx, args)
        finally:
            ctx.allow_extra_args = not strict
        if strict and rest and not ctx.resilient_parsing:
            raise ExtraArguments(rest, ctx)
        return rest

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        write_params(self, ctx, formatter)


class DutyGroup(TyperGroup):
    context_class = Context

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return _parse_args(super().parse_args, ctx, args)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            _refuse_usage(error)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            _refuse_usage(error)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        write_params(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = list(command_rows(self, ctx))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


class DutyTyper(typer.Typer):
    """typer.Typer whose group and commands are DutyGroup and DutyCommand, with Click's plain help.

    Typer's Rich help crops a Chinese description that has no space in it
    and offers no public setting against that; without Rich markup Typer
    leaves the help page to Click, whose formatter tui.help_format replaces.
    """

    def __init__(self, **settings: Any):
        super().__init__(cls=DutyGroup, rich_markup_mode=None, **settings)

    def command(self, name: str | None = None, *, cls: type[TyperCommand] | None = None,
                **settings: Any) -> Callable[[Any], Any]:
        return super().command(name, cls=cls or DutyCommand, **settings)


# -- usage errors ----------------------------------------------------------------------


def _refuse_usage(error: click.UsageError) -> NoReturn:
    """One line (tui.errors) on stderr and exit 2; help shown for a bare group stays help."""
    if isinstance(error, click.exceptions.NoArgsIsHelpError):
        raise error
    code, fields = usage_facts(error)
    refuse(code, **fields)


def command_path(ctx: click.Context | None) -> str:
    """`duty-tui people add`, whatever the program was started as (`python -m tui`, a test runner)."""
    names: list[str] = []
    while ctx is not None and ctx.parent is not None:
        names.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(["duty-tui", *names])


def param_name(param: click.Parameter) -> str:
    """`--reason` for an option (its longest spelling), CHECKLIST for an argument."""
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    return param.human_readable_name


def _option(ctx: click.Context | None, spelled: str) -> click.Parameter | None:
    if ctx is None:
        return None
    return next((p for p in ctx.command.get_params(ctx) if spelled in (*p.opts, *p.secondary_opts)), None)


def _expected(kind: click.ParamType) -> dict[str, Any]:
    """What a value of this type looks like, as fields for the message."""
    if isinstance(kind, click.Choice):
        return {"choices": [str(c) for c in kind.choices]}
    if isinstance(kind, click.IntRange):
        return {"type": "int", "min": kind.min, "max": kind.max}
    if isinstance(kind, (click.types.IntParamType, click.types.FloatParamType, click.types.BoolParamType)):
        return {"type": kind.name}
    return {}


def rejected_value(error: click.BadParameter) -> object | None:
    """The value a parameter's type rejected: the first of the words typed for it that its type refuses.

    Click's error carries the parameter but not the value, so the words the
    command was given (kept by _parse_args) are read again for that
    parameter and each is converted as Click did, through the type's public
    ``convert``. None when no typed word is refused (a default, say).
    """
    param, ctx = error.param, error.ctx
    if param is None or ctx is None:
        return None
    for word in _typed(param, ctx.meta.get(ARGS, [])):
        try:
            param.type.convert(word, param, ctx)
        except click.BadParameter:
            return word
        except Exception:  # a type that fails otherwise on a word it was never given
            continue
    return None


def _typed(param: click.Parameter, words: list[str]) -> list[str]:
    """The words given as values of ``param``: after or attached to its spellings, or every positional word."""
    if not isinstance(param, click.Option):
        return [word for word in words if not word.startswith("-")]
    found = []
    for index, word in enumerate(words):
        if word == "--":
            break
        for spelled in (*param.opts, *param.secondary_opts):
            if word == spelled and index + 1 < len(words):
                found.append(words[index + 1])
            elif spelled.startswith("--") and word.startswith(spelled + "="):
                found.append(word[len(spelled) + 1:])
            elif not spelled.startswith("--") and word.startswith(spelled) and len(word) > len(spelled) \
                    and not word.startswith("--"):
                found.append(word[len(spelled):])
    return found


def usage_facts(error: click.UsageError) -> tuple[str, dict[str, Any]]:
    """(code, fields) for tui.errors, from the exception's class and attributes, never its English message."""
    ctx = error.ctx
    fields: dict[str, Any] = {"command": command_path(ctx)}
    if isinstance(error, click.MissingParameter) and error.param is not None:
        param = error.param
        kind = "usage-missing-option" if isinstance(param, click.Option) else "usage-missing-argument"
        return kind, {**fields, "name": param_name(param), "help": getattr(param, "help", None) or ""}
    if isinstance(error, click.BadParameter) and error.param is not None:
        param = error.param
        return "usage-bad-value", {**fields, "name": param_name(param), "option": isinstance(param, click.Option),
                                   "value": rejected_value(error), **_expected(param.type)}
    if isinstance(error, click.NoSuchOption):
        return "usage-no-option", {**fields, "name": error.option_name, "close": error.possibilities or []}
    if hasattr(error, "command_name"):  # click.exceptions.NoSuchCommand, new in Click 8.4
        return "usage-no-command", {**fields, "name": error.command_name,
                                    "close": getattr(error, "possibilities", None) or []}
    if isinstance(error, click.BadOptionUsage):
        option = _option(ctx, error.option_name)
        if isinstance(option, click.Option) and option.is_flag:
            return "usage-flag-value", {**fields, "name": error.option_name}
        about = _expected(option.type) if option is not None else {}
        return "usage-needs-value", {**fields, "name": error.option_name,
                                     "help": getattr(option, "help", None) or "", **about}
    if isinstance(error, ExtraArguments):
        return "usage-extra", {**fields, "extra": error.extra}
    return "usage-other", {**fields, "message": error.format_message()}
