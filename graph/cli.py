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
def build(inputs: List[Path] = typer.Argument(..., help="Report files, folders (searched recursively) or quoted "
                                                        "globs ('reports/**/*.html'): .txt .md .html .htm .pdf "
                                                        ".docx .jsonl."),
          out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder."),
          html: bool = typer.Option(True, help="Also write graph.html."),
          max_mb: float = typer.Option(50.0, "--max-mb", min=0.001,
                                       help="Skip files larger than this (JSON Lines: records larger)."),
          strict: bool = typer.Option(False, "--strict", help="Stop at the first input that cannot be read."),
          cache: bool = typer.Option(True, "--cache/--no-cache",
                                     help="Reuse extraction results from OUT/.cache for unchanged reports."),
          ) -> None:
    """Build the graph of a folder of reports: writes OUT/graph.json, OUT/graph.html and OUT/report.json
    (every input with its outcome). Exit code 0 all read, 1 some skipped, 2 usage error, 3 nothing
    read, 4 stopped by --strict.

    Example: huiyi build seeds/ 'more/**/*.html' --out out/
    """
    import json as _json

    from graph.build import summary
    from graph.outcomes import EXIT_NOTHING_READ, EXIT_STRICT, StoppedAtProblem, report
    from graph.pipeline import build_graph
    from loaders.json_export import write_json

    def write_report(data: dict) -> None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.json").write_text(_json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    def problem(o) -> None:
        console.print(f"[yellow]{o.outcome}:[/yellow] {o.line()}", highlight=False, soft_wrap=True)

    try:
        result = build_graph(inputs, max_mb=max_mb, strict=strict, exclude=[out], on_problem=problem,
                             cache_dir=out / ".cache" if cache else None)
    except StoppedAtProblem as exc:
        write_report(report(exc.outcomes, exit_code=EXIT_STRICT, graph_written=False))
        fail(exc, EXIT_STRICT)
    except HuiyiError as exc:
        fail(exc)
    write_report(result.report())
    counts = result.report()["summary"]
    if counts["ignored"]:
        console.print(f"ignored {counts['ignored']} files in the folders that are not reports (see "
                      f"{out}/report.json)", highlight=False, soft_wrap=True)
    if not result.documents:
        fail(f"nothing could be read from {', '.join(map(str, inputs))}; no graph written; "
             f"see {out}/report.json", EXIT_NOTHING_READ)
    write_json(result.graph, out / "graph.json")
    if html:
        from loaders.html_view import write_html
        write_html(result.graph, out / "graph.html")
    s = summary(result.graph)
    console.print(f"[bold]{len(result.documents)} documents[/bold] ({counts['read']} read, {counts['cached']} "
                  f"from the cache), {counts['skipped'] + counts['duplicate']} inputs skipped -> {out}/graph.json, "
                  f"{out}/report.json", highlight=False, soft_wrap=True)
    console.print("nodes: " + ", ".join(f"{k} {v}" for k, v in s["nodes"].items()), highlight=False)
    console.print("edges: " + ", ".join(f"{k} {v}" for k, v in s["edges"].items()), highlight=False)
    for w in result.warnings:
        console.print(f"[yellow]warning:[/yellow] {w}", highlight=False)
    raise typer.Exit(result.exit_code)


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
        gold_docs = read_gold(gold)
        scores, errors = evaluate(read_json(out / "graph.json"), gold_docs)
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
