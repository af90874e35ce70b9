"""The `huiyi` command: thin wrappers, each calling one library function."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from .models import HuiyiError

app = typer.Typer(help="Huiyi (会议): build a knowledge graph of who chaired, attended and spoke at "
                       "which meeting, from Chinese government meeting reports.",
                  no_args_is_help=True, add_completion=False)
console = Console(stderr=True)


@app.callback()
def main() -> None:
    """Huiyi: reports in, a graph of meetings out. Start with `huiyi build seeds/ --out out/`."""


def fail(exc: Exception, code: int = 2) -> None:
    console.print(f"[red]error:[/red] {exc}", highlight=False)
    raise typer.Exit(code)


@app.command()
def build(inputs: List[Path] = typer.Argument(..., help="Report files or folders (searched recursively)."),
          out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder."),
          html: bool = typer.Option(True, help="Also write graph.html."),
          ) -> None:
    """Build the graph of a folder of reports: writes OUT/graph.json and OUT/graph.html.

    Example: huiyi build seeds/ --out out/
    """
    from graph.build import summary
    from graph.pipeline import build_graph
    from loaders.json_export import write_json

    try:
        result = build_graph(inputs)
    except HuiyiError as exc:
        fail(exc)
    out.mkdir(parents=True, exist_ok=True)
    write_json(result.graph, out / "graph.json")
    if html:
        from loaders.html_view import write_html
        write_html(result.graph, out / "graph.html")
    s = summary(result.graph)
    console.print(f"[bold]{len(result.documents)} documents[/bold] read, {len(result.skipped)} skipped -> {out}/graph.json",
                  highlight=False)
    console.print("nodes: " + ", ".join(f"{k} {v}" for k, v in s["nodes"].items()), highlight=False)
    console.print("edges: " + ", ".join(f"{k} {v}" for k, v in s["edges"].items()), highlight=False)
    for w in result.warnings:
        console.print(f"[yellow]warning:[/yellow] {w}", highlight=False)
    for sk in result.skipped:
        console.print(f"[yellow]skipped:[/yellow] {sk.reason}", highlight=False)


if __name__ == "__main__":
    app()
