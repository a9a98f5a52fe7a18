"""``mtfix languagetool install|status|serve|stop``: the LanguageTool server behind --grammar.

These commands read the ``[languagetool]`` defaults and the environment
(``$MTFIX_LT_SERVER``, ``$LTP_PATH``), not a config file, so that they work
the same from any folder. Errors (no Java, Maven failed, the server did not
start) are one line and exit 2.
"""
from __future__ import annotations

import dataclasses
import sys
import time

import click

from mtfix.cli.common import guarded
from mtfix.grammar import LanguageToolBackend
from mtfix.settings import LanguageToolSettings, load_settings


def _settings() -> LanguageToolSettings:
    return load_settings(None).languagetool


@click.group("languagetool")
def languagetool_group() -> None:
    """Install and run the LanguageTool server used by --grammar."""


@languagetool_group.command("install")
@click.option("--ltp-path", type=click.Path(file_okay=False), default=None,
              help="Folder to hold LanguageTool-6.8/ (default: $LTP_PATH, else ~/.cache/mtfix/languagetool).")
@click.option("--force", is_flag=True, help="Assemble again even if an installation exists.")
@guarded
def install_cmd(ltp_path, force) -> None:
    """Make LanguageTool 6.8 available offline (from Maven Central; needs Java 17).

    Prints the installation folder. Its parent works as LTP_PATH for
    language_tool_python.
    """
    from mtfix.grammar import install

    path = install.install(ltp_path, force=force, log=lambda m: click.echo(f"mtfix: {m}", err=True))
    click.echo(str(path))


@languagetool_group.command("status")
@guarded
def status_cmd() -> None:
    """Say whether grammar checking can run here (exit 0) or why not (exit 2)."""
    settings = _settings()
    ok, why = LanguageToolBackend(settings).available()
    click.echo(why)
    if ok and not settings.server_url:
        from mtfix.grammar import persist

        url = persist.running(settings)
        if url:
            click.echo(f"background server at {url} (`mtfix languagetool stop` stops it)")
    if not ok:
        raise click.exceptions.Exit(2)


@languagetool_group.command("serve")
@click.option("--background", is_flag=True,
              help="Start it in the background and return; later runs find it by themselves "
                   "until `mtfix languagetool stop`.")
@guarded
def serve_cmd(background) -> None:
    """Run a LanguageTool server for many `mtfix` runs to share.

    In the foreground (until Ctrl-C) it prints MTFIX_LT_SERVER=URL: export it
    and every `mtfix check` uses this warm server instead of starting its own
    JVM. With --background the server is recorded in the cache, and every
    later `mtfix` run that names no server uses it without being told; a
    record whose server is gone is ignored (the run starts its own).
    """
    settings = dataclasses.replace(_settings(), server_url=None)
    if background:
        from mtfix.grammar import persist

        def warm(url: str) -> None:
            with LanguageToolBackend(dataclasses.replace(settings, server_url=url)) as b:
                b.check_text("Warm up.")

        data = persist.start_background(settings, warm=warm)
        click.echo(f"MTFIX_LT_SERVER={data['url']}")
        how = "already running" if data.get("reused") else f"started in {data.get('start_seconds')} s"
        click.echo(f"mtfix: LanguageTool server {how} (pid {data['pid']}); later runs use it; "
                   "`mtfix languagetool stop` stops it", err=True)
        return
    backend = LanguageToolBackend(settings)
    try:
        backend.check_text("Warm up.")
        click.echo(f"MTFIX_LT_SERVER={backend.url}")
        sys.stdout.flush()
        while backend.serving():
            time.sleep(1)
        click.echo("mtfix: LanguageTool server stopped", err=True)
        raise click.exceptions.Exit(1)
    except KeyboardInterrupt:  # the way to stop it: not an error
        pass
    finally:
        backend.close()


@languagetool_group.command("stop")
@guarded
def stop_cmd() -> None:
    """Stop the server `mtfix languagetool serve --background` started."""
    from mtfix.grammar import persist

    click.echo(f"mtfix: {persist.stop()}", err=True)
