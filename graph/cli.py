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


@app.command("eval")
def eval_(gold: Path = typer.Argument(..., help="Folder of gold annotations (<doc>.json, see tests/gold/SCHEMA.md)."),
          out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder holding graph.json."),
          reports: Optional[Path] = typer.Option(None, help="Build the graph of these reports into --out first."),
          as_json: bool = typer.Option(False, "--json", help="Print the scores and errors as JSON."),
          ) -> None:
    """Score the graph in OUT against gold annotations; list each document's misses and inventions.

    Example: huiyi eval my_gold/ --reports my_reports/ --out out/eval
    """
    import json as _json
    from dataclasses import asdict

    from graph.evaluate import evaluate, read_gold
    from loaders.json_export import read_json, write_json

    try:
        if reports is not None:
            from graph.pipeline import build_graph
            write_json(build_graph([reports]).graph, out / "graph.json")
        scores, errors = evaluate(read_json(out / "graph.json"), read_gold(gold))
    except HuiyiError as exc:
        fail(exc)
    report = {"scores": scores, "documents": [asdict(e) for e in errors]}
    (out / "eval.json").write_text(_json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if as_json:
        typer.echo(_json.dumps(report, ensure_ascii=False, indent=1))
        return
    for e in errors:
        problems = {k: v for k, v in {**{f"missed {k}": v for k, v in e.missed.items()},
                                      **{f"spurious {k}": v for k, v in e.spurious.items()}}.items() if v}
        typer.echo(f"{e.doc}: " + ("ok" if not problems else ""))
        for k, v in problems.items():
            typer.echo(f"  {k}: {', '.join(map(str, v))}")
    for k, v in scores.items():
        if isinstance(v, dict):
            typer.echo(f"{k:26s} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}")
    typer.echo(f"meeting date accuracy      {scores['meeting_date_accuracy']}")
    typer.echo(f"scores and errors written to {out / 'eval.json'}")


if __name__ == "__main__":
    app()
