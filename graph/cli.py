"""The `huiyi` command: thin wrappers, each calling one library function."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape

from .models import ConfigError, HuiyiError

app = typer.Typer(help="Huiyi (会议): build a knowledge graph of who chaired, attended and spoke at "
                       "which meeting, from Chinese government meeting reports.",
                  no_args_is_help=True, add_completion=False, rich_markup_mode=None)
console = Console(stderr=True, soft_wrap=True)  # a line is never wrapped at 80 columns in a log


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version
        try:
            typer.echo(f"huiyi {version('huiyi')}")
        except PackageNotFoundError:
            typer.echo("huiyi (not installed as a package)")
        raise typer.Exit()


@app.callback()
def main(show_version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                           help="Print Huiyi's version and exit.")) -> None:
    """Huiyi: reports in, a graph of meetings out. Start with `huiyi build seeds/ --out out/`."""


def fail(exc: Exception, code: int = 2) -> None:
    console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@app.command()
def build(inputs: List[Path] = typer.Argument(..., metavar="REPORTS", help="Report files, folders (searched recursively) or quoted "
                                                        "globs ('reports/**/*.html'): .txt .md .html .htm .pdf "
                                                        ".docx .jsonl."),
          out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder."),
          html: bool = typer.Option(True, help="Also write graph.html."),
          max_mb: float = typer.Option(50.0, "--max-mb", min=0.001,
                                       help="Skip files larger than this (JSON Lines: records larger)."),
          strict: bool = typer.Option(False, "--strict", help="Stop at the first input that cannot be read."),
          cache: bool = typer.Option(True, "--cache/--no-cache",
                                     help="Reuse extraction results from OUT/.cache for unchanged reports."),
          store: bool = typer.Option(True, "--store/--no-store",
                                     help="Also write OUT/graph.lbug, the embedded Cypher store (`huiyi query`)."),
          jobs: int = typer.Option(1, "--jobs", "-j", help="Processes extracting reports side by side: this "
                                                           "one and N-1 workers (0: one per core)."),
          dask: Optional[str] = typer.Option(None, "--dask", metavar="SCHEDULER",
                                             help="Extract on a Dask cluster: `local` (--jobs workers here) or "
                                                  "a scheduler address, tcp://host:8786 (needs huiyi[dask])."),
          quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
          ) -> None:
    """Build the graph of a folder of reports: writes OUT/graph.json, OUT/graph.html, OUT/graph.lbug (an
    embedded Cypher store) and OUT/report.json (every input with its outcome). Exit code 0 all read,
    1 some skipped, 2 usage error, 3 nothing read, 4 stopped by --strict.

    Example: huiyi build seeds/ 'more/**/*.html' --out out/ --jobs 2
    """
    from huiyi.graph.run.outcomes import EXIT_NOTHING_READ, EXIT_STRICT, StoppedAtProblem
    from huiyi.graph.run.progress import build_progress
    from huiyi.loaders.outputs import build_and_write

    def problem(o) -> None:
        console.print(f"[yellow]{o.outcome}:[/yellow] {escape(o.line())}", highlight=False, soft_wrap=True)

    try:
        with build_progress(console, enabled=not quiet) as on_progress:
            run = build_and_write(inputs, out, html=html, store=store, cache=cache, jobs=jobs, dask=dask,
                                  max_mb=max_mb, strict=strict, on_problem=problem, on_progress=on_progress)
    except StoppedAtProblem as exc:
        fail(exc, EXIT_STRICT)
    except HuiyiError as exc:
        fail(exc)
    if run.report["summary"]["ignored"]:
        console.print(f"ignored {run.report['summary']['ignored']} files in the folders that are not reports (see "
                      f"{out}/report.json)", highlight=False, soft_wrap=True)
    if not run.written:
        fail(f"nothing could be read from {', '.join(map(str, inputs))}; no graph written; "
             f"see {out}/report.json", EXIT_NOTHING_READ)
    from huiyi.loaders.outputs import closing_lines

    for line in closing_lines(run, out, store=store):
        console.print(line, highlight=False, soft_wrap=True)
    raise typer.Exit(run.exit_code)


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

    from huiyi.graph.run.outcomes import EXIT_NOTHING_READ, NothingRead
    from huiyi.loaders.outputs import score_build

    try:
        report = score_build(gold, out, reports=reports, on_problem=lambda o: console.print(
            f"[yellow]{o.outcome}:[/yellow] {escape(o.line())}", highlight=False, soft_wrap=True))
    except NothingRead as exc:
        fail(exc, EXIT_NOTHING_READ)
    except HuiyiError as exc:
        fail(exc)
    if as_json:
        typer.echo(_json.dumps(report, ensure_ascii=False, indent=1))
        return
    scores = report["scores"]
    for e in report["documents"]:
        problems = {k: v for k, v in {**{f"missed {k}": v for k, v in e["missed"].items()},
                                      **{f"spurious {k}": v for k, v in e["spurious"].items()}}.items() if v}
        typer.echo(f"{e['doc']}: " + ("ok" if not problems else ""))
        for k, v in problems.items():
            typer.echo(f"  {k}: {', '.join(map(str, v))}")
    for k, v in scores.items():
        if isinstance(v, dict):
            typer.echo(f"{k:26s} P={v['p']:.3f} R={v['r']:.3f} F1={v['f1']:.3f}")
    typer.echo(f"meeting date accuracy      {scores['meeting_date_accuracy']}")
    typer.echo(f"scores and errors written to {out / 'eval.json'}")


@app.command()
def explain(report: Path = typer.Argument(..., help="One report file (a JSON Lines file: each of its reports)."),
            person: Optional[str] = typer.Option(None, "--person", help="Only sentences naming this person."),
            meeting: Optional[str] = typer.Option(None, "--meeting", help="Only sentences naming a meeting "
                                                                          "whose name holds this text."),
            misses: bool = typer.Option(False, "--misses", help="Only sentences with a role verb that found no one."),
            as_json: bool = typer.Option(False, "--json", help="Print the explanation as JSON."),
            ) -> None:
    """Why a report gives what it gives: per sentence, the people, meetings and roles read there with
    the rule that read each, and the role verbs that found no one.

    Example: huiyi explain seeds/000_fbcf11dee7c9eea9.txt --person 宗国英
    """
    import json as _json

    from huiyi.graph.explain import explain_path, render

    try:
        found = explain_path(report, person=person, meeting=meeting, only_misses=misses)
    except HuiyiError as exc:
        fail(exc)
    if as_json:
        typer.echo(_json.dumps([e._asdict() for e in found], ensure_ascii=False, indent=1))
        return
    for line in render(found):
        typer.echo(line)
    if not found:
        typer.echo("nothing read" + (f" naming {person}" if person else "") + (f" at {meeting}" if meeting else ""))


@app.command()
def coverage(inputs: List[Path] = typer.Argument(..., metavar="REPORTS", help="Report files, folders or quoted globs, as for build."),
             samples: int = typer.Option(5, "--samples", min=0, help="How many examples of each gap to print."),
             as_json: bool = typer.Option(False, "--json", help="Print the counts and every example as JSON."),
             ) -> None:
    """How much of a corpus without gold Huiyi reads: reports that yield no meeting, reported meetings
    with no chair or attendee, sentences whose role verb found no one; with examples of each.

    Example: huiyi coverage reports/ --samples 10
    """
    import json as _json

    from huiyi.graph.coverage import coverage as measure

    try:
        found = measure(inputs)
    except HuiyiError as exc:
        fail(exc)
    if as_json:
        typer.echo(_json.dumps({"summary": found.summary(), "dropped": found.dropped, "unstaffed": found.unstaffed,
                                "missed": found.missed}, ensure_ascii=False, indent=1))
        return
    s = found.summary()
    typer.echo(f"reports {s['reports']} (read {s['read']}); no meeting found: {s['dropped']} "
               f"({100 * s['dropped_share']:.1f}%)")
    typer.echo(f"reported meetings {s['reported_meetings']}; with a chair or attendee: "
               f"{s['with_chair_or_attendee']} ({100 * s['staffed_share']:.1f}%)")
    typer.echo(f"sentences with a role verb {s['role_verb_sentences']}; the verb found no one: "
               f"{s['role_verbs_missed']} ({100 * s['missed_share']:.1f}%)")
    for title, items in (("no meeting found", found.dropped), ("meetings with no one at them", found.unstaffed),
                         ("role verbs that found no one", found.missed)):
        if items and samples:
            typer.echo(f"{title}, for example:")
            for doc, text in items[:samples]:
                typer.echo(f"  {doc}: {text[:120]}")


@app.command()
def view(person: Optional[str] = typer.Option(None, "--person", help="A person's name: their meetings, "
                                                                     "co-attendees and positions."),
         meeting: Optional[str] = typer.Option(None, "--meeting", help="Part of a meeting's name (or its date): "
                                                                       "chair, attendees, speakers, place, report."),
         query: Optional[str] = typer.Option(None, "--query", help="A named query: the subgraph its rows name."),
         param: List[str] = typer.Option([], "--param", "-p", metavar="KEY=VALUE", help="KEY=VALUE for --query (repeatable)."),
         out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder holding graph.json."),
         file: Optional[Path] = typer.Option(None, "--file", "-f",
                                             help="Page to write (default OUT/view-<kind>-<name>.html)."),
         ) -> None:
    """Write a focused, self-contained HTML view of the graph in OUT (open it in any browser, offline).

    Example: huiyi view --person 宗国英 --out out/
    """
    from huiyi.loaders.html_view import write_view

    try:
        path = write_view(out, person=person, meeting=meeting, query=query, params=param, path=file)
    except HuiyiError as exc:
        fail(exc)
    console.print(f"wrote {path}", highlight=False, soft_wrap=True)


# ---- Cypher: the embedded store, named queries, Neo4j, exports ---------------------------------

_STORE_HELP = dict(
    out=typer.Option(Path("out"), "--out", "-o", help="Output folder holding graph.lbug (from `huiyi build`)."),
    db=typer.Option(None, "--db", help="The embedded store file (default OUT/graph.lbug)."),
    neo4j=typer.Option(None, "--neo4j", help="Run on Neo4j at this URI instead (user and password from "
                                             "NEO4J_USER, NEO4J_PASSWORD; database from NEO4J_DATABASE)."),
    fmt=typer.Option("table", "--format", "-f", help="table, json (a list of objects) or csv."),
)


@app.command()
def query(cypher: Optional[str] = typer.Argument(None, help="One Cypher statement; put values in $parameters."),
          file: Optional[Path] = typer.Option(None, "--file", "-f", help="Read the statement from this file "
                                                                        "(- for standard input)."),
          out: Path = _STORE_HELP["out"], db: Optional[Path] = _STORE_HELP["db"],
          neo4j: Optional[str] = _STORE_HELP["neo4j"],
          param: List[str] = typer.Option([], "--param", "-p", metavar="KEY=VALUE", help="KEY=VALUE (repeatable); a JSON value "
                                                                    "(2, true, \"2\") is typed as such."),
          fmt: str = _STORE_HELP["fmt"],
          write: bool = typer.Option(False, "--write", help="Let the statement change the store."),
          ) -> None:
    """Run Cypher on the graph store: the embedded one in OUT by default, read-only unless --write.

    Example: huiyi query "MATCH (p:Person)-[:CHAIRED]->(m:Meeting) RETURN p.name, m.date" --out out
    """
    import sys

    from huiyi.queries.cypher import check_format, format_result, parse_params, run_cypher

    try:
        if (cypher is None) == (file is None):
            raise ConfigError("give the statement either as an argument or with --file (not both)")
        if file is not None:
            try:
                cypher = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{file}: cannot be read as UTF-8 text ({exc})") from exc
        check_format(fmt)
        result = run_cypher(cypher, parse_params(param), out=out, db=db, neo4j=neo4j, write=write)
        typer.echo(format_result(result, fmt).rstrip("\n"))
    except HuiyiError as exc:
        fail(exc)


@app.command()
def ask(name: Optional[str] = typer.Argument(None, help="A named query (see --list)."),
        list_: bool = typer.Option(False, "--list", "-l", help="List the named queries and their parameters."),
        param: List[str] = typer.Option([], "--param", "-p", metavar="KEY=VALUE", help="KEY=VALUE (repeatable)."),
        out: Path = _STORE_HELP["out"], db: Optional[Path] = _STORE_HELP["db"],
        neo4j: Optional[str] = _STORE_HELP["neo4j"], fmt: str = _STORE_HELP["fmt"],
        ) -> None:
    """Ask a named question (queries/*.cypher): who attended, chaired, met most often, and more.

    Example: huiyi ask meetings_chaired --param person=宗国英 --out out
    """
    from huiyi.queries import registry
    from huiyi.queries.cypher import Result, check_format, format_result, parse_params

    from .models import ConfigError

    try:
        if list_:
            for q in registry.list_queries():
                example = " ".join(f"--param {k}={v}" for k, v in q.example.items())
                typer.echo(f"{q.name}: {q.description}")
                for p in q.params:
                    typer.echo(f"    {p}")
                typer.echo(f"    e.g. huiyi ask {q.name} {example}".rstrip())
            return
        if not name:
            raise ConfigError("name a query, e.g. `huiyi ask meetings_chaired --param person=宗国英`; "
                                       "see them all with `huiyi ask --list`")
        check_format(fmt)
        rows = registry.run(name, parse_params(param, json_values=False), out=out, db=db, neo4j=neo4j)
        columns = list(rows[0]) if rows else []
        typer.echo(format_result(Result(columns, [list(r.values()) for r in rows]), fmt).rstrip("\n"))
    except HuiyiError as exc:
        fail(exc)


load_app = typer.Typer(help="Load the graph into a graph database.", no_args_is_help=True)
app.add_typer(load_app, name="load")
export_app = typer.Typer(help="Write the graph in other formats.", no_args_is_help=True)
app.add_typer(export_app, name="export")


@load_app.command("neo4j")
def load_neo4j(out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder holding graph.json."),
               uri: Optional[str] = typer.Option(None, "--uri", help="Default: NEO4J_URI, else bolt://localhost:7687."),
               user: Optional[str] = typer.Option(None, "--user", help="Default: NEO4J_USER, else neo4j."),
               password: Optional[str] = typer.Option(None, "--password", help="Default: NEO4J_PASSWORD."),
               database: Optional[str] = typer.Option(None, "--database", help="Default: NEO4J_DATABASE, "
                                                                               "else the server's default."),
               batch_size: int = typer.Option(2000, "--batch-size", min=1, help="Rows per transaction."),
               wipe: bool = typer.Option(False, "--wipe", help="Delete everything in the database first."),
               dry_run: bool = typer.Option(False, "--dry-run", help="Contact no server: print each statement "
                                            "the load would send, ended by a line `;`, and on stderr the rows "
                                            "and batches of each."),
               ) -> None:
    """Load OUT/graph.json into Neo4j: constraints first, then batched MERGE by id (loading twice
    changes nothing).

    Example: huiyi load neo4j --out out --uri bolt://localhost:7687 (or --dry-run > load.cypher to see
    the statements without a server)
    """
    from huiyi.loaders.neo4j_loader import Neo4jSettings, dry_run_text, load_graph_json

    if dry_run:
        try:
            statements, summary = dry_run_text(out, batch_size=batch_size, wipe=wipe)
        except HuiyiError as exc:
            fail(exc)
        typer.echo(statements, nl=False)
        for line in summary:
            console.print(line, highlight=False, soft_wrap=True, markup=False)
        return
    try:
        settings = Neo4jSettings.resolve(uri, user, password, database)
        counts = load_graph_json(out, settings, batch_size=batch_size, wipe=wipe)
    except HuiyiError as exc:
        fail(exc)
    console.print(f"loaded into Neo4j at {settings.uri}: " + ", ".join(f"{k} {v}" for k, v in counts["sent"].items()),
                  highlight=False, soft_wrap=True)
    console.print(f"the database holds {sum(counts['nodes'].values())} nodes ("
                  + ", ".join(f"{k} {v}" for k, v in counts["nodes"].items()) + f") and "
                  f"{sum(counts['edges'].values())} relationships", highlight=False, soft_wrap=True)


@export_app.command("csv")
def export_csv(out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder holding graph.json."),
               to: Optional[Path] = typer.Option(None, "--to", help="Folder for the CSVs (default OUT/neo4j-import)."),
               database: str = typer.Option("neo4j", "--database", help="Database name in import.sh."),
               ) -> None:
    """Write node and relationship CSVs for `neo4j-admin database import` (the route for very large
    graphs), with import.sh holding the command.

    Example: huiyi export csv --out out --to out/neo4j-import
    """
    from huiyi.loaders.csv_export import export_import_files

    try:
        files = export_import_files(out, to, database=database)
    except HuiyiError as exc:
        fail(exc)
    console.print(f"wrote {len(files)} files to {files[-1].parent} (run import.sh there with Neo4j stopped)",
                  highlight=False, soft_wrap=True)


@export_app.command("graphml")
def export_graphml(out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder holding graph.json."),
                   to: Optional[Path] = typer.Option(None, "--to", help="File to write (default OUT/graph.graphml)."),
                   ) -> None:
    """Write the graph as GraphML for Gephi, yEd or Cytoscape (list properties joined with "; ").

    Example: huiyi export graphml --out out
    """
    from huiyi.loaders.graphml_export import export_graphml as export

    try:
        path = export(out, to)
    except HuiyiError as exc:
        fail(exc)
    console.print(f"wrote {path}", highlight=False, soft_wrap=True)


if __name__ == "__main__":
    from huiyi.graph.entry import run
    run()
