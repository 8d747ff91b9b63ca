#!/usr/bin/env python
"""Benchmark of tracker: extract, ingest, re-ingest, export, plot and CLI latency.

Run from anywhere (the package must be installed, e.g. `pip install -e .`):

    python bench/run.py                 # full size: ~10 MB / 5,000 files, 10,000 documents
    python bench/run.py --quick         # 1/20 of the sizes: a smoke run in well under a minute
    python bench/run.py --profile extract   # one stage under cProfile, top 25 by cumulative time

The corpus is generated from the bundled fixtures (fixtures/series, fixtures/seed-like): publication
dates shifted by whole weeks (the date strings in the text rewritten), prices scaled by a random
factor per document with their formats kept, body paragraphs shuffled, and realistic non-price
paragraphs from the fixtures added until the requested size is reached. It is deterministic for a
given --seed. Machines are noisy: everything that is compared is measured in the same run and
quoted as the median of --repeat runs; the targets are ratios within this run.
See bench/README.md for what every row means.
"""
from __future__ import annotations

import argparse
import contextlib
import cProfile
import dataclasses
import hashlib
import html
import importlib
import importlib.util
import json
import os
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
TEMPLATE_DIRS = (FIXTURES / "series", FIXTURES / "seed-like")
GENERATOR_VERSION = "1"  # bump when the corpus generator changes (invalidates reused --workdir corpora)
MB = 1_000_000
PY = sys.executable
STAGES = ("extract", "bare", "floor", "frontend", "ingest", "reingest", "export", "plot", "cli")
FLOOR = ROOT / "bench" / "floor.py"  # the floor: read, decode, HTML to text, NFKC, nothing else (a whole process)
# The targets of issue #14, checked here and only here (never by timed unit tests)
TARGET_FLOOR = 5.0  # extract at most this many times the floor (same files, same --jobs)
TARGET_FLOOR_J1 = 8.0  # extract --jobs 1 at most this many times the one-process floor
TARGET_FRONT_END = 1.5  # read_document at most this many times the minimal front end
TARGET_HELP = 0.10  # s over `python -c pass`
TARGET_ONE_REVIEW = 0.15  # s over `python -c pass`
TARGET_SPEEDUP = 1.8  # --jobs 1 -> --jobs 2
HEAVY_MODULES = ("pandas", "matplotlib", "numpy", "charset_normalizer", "dateutil", "platformdirs")

# The baseline: ONE compiled pattern of the `regex` package, finditer over every file's text.
BARE_PATTERN = r"\d[\d,.]*\s*(?:yuan|元|\$|USD)[^\n]{0,20}?/(?:mt|t|lb|kg)"

# --------------------------------------------------------------------------------------------------
# Corpus generation
# --------------------------------------------------------------------------------------------------

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_MONTH_RE = (r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
             r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?")
_FULL_MONTH_RE = "|".join(_MONTHS)
D = "[0-9０-９]"  # ASCII or full-width digit
# One pass over every date form the fixtures print; each alternative has its own group names.
DATE_RE = re.compile(
    rf"(?P<m1>{_MONTH_RE})(?P<s1>\.?\s+)(?P<d1>{D}{{1,2}})(?P<t1>(?:st|nd|rd|th)?,?\s+)(?P<y1>(?:19|20){D}{D})(?!{D})"
    rf"|(?<!{D})(?P<d2>{D}{{1,2}})(?P<s2>\s+)(?P<m2>{_MONTH_RE})(?P<t2>\.?,?\s+)(?P<y2>(?:19|20){D}{D})(?!{D})"
    rf"|(?<!{D})(?P<y3>(?:19|20){D}{D})-(?P<m3>{D}{D})-(?P<d3>{D}{D})(?!{D})"
    rf"|(?P<y4>(?:19|20|１９|２０){D}{D})(?P<s4>\s*年\s*)(?P<m4>{D}{{1,2}})(?P<t4>\s*月\s*)(?P<d4>{D}{{1,2}})(?P<u4>\s*日)"
    rf"|(?<![0-9０-９A-Za-z])(?P<d5>{D}{{1,2}})(?P<s5>\s+)(?P<m5>{_FULL_MONTH_RE})(?![A-Za-z])(?!\s*,?\s*{D})")
_FULLWIDTH = str.maketrans("0123456789,.-", "０１２３４５６７８９，．－")
_ASCII = str.maketrans("０１２３４５６７８９，．－", "0123456789,.-")

NUM = r"[0-9０-９](?:[0-9０-９]|[,，.．](?=[0-9０-９]))*"
_CUR_PRE = r"(?:US\$|\$|Yn|¥|RMB|USD)"
_CUR_POST = r"(?:万元|美元|元|yuan|USD|\$)"
_SEP = r"\s*(?:-|–|—|~|～|－|to|and|至)\s*"
_UNIT = r"(?:/|per\s|a\s|每)\s?(?:mt|t|tonnes?|tons?|lbs?|kg|dmtu|吨|磅|千克|公斤)(?![A-Za-z])"
PRICE_PHRASE = re.compile(
    rf"(?<![A-Za-z0-9０-９.,])(?:{_CUR_PRE}\s?)?{NUM}(?:{_SEP}(?:{_CUR_PRE}\s?)?{NUM})?\s?(?:{_CUR_POST})?\s?{_UNIT}")
NUM_RE = re.compile(NUM)
HTML_P = re.compile(r"<p>(.*?)</p>", re.S)
TAG = re.compile(r"<[^>]+>")


def _month_name(original: str, month: int) -> str:
    name = _MONTHS[month - 1]
    return name if len(original) > 4 else name[:3]  # "Nov" stays short, "November" long, "Sept" -> "Sep"


def _digits(original: str, value: int) -> str:
    """`value` printed like `original`: zero-padded if it was ("03"), full-width if it was ("１８")."""
    text = str(value).zfill(len(original) if original[:1] in ("0", "０") else 0)
    return text.translate(_FULLWIDTH) if not original.isascii() else text


def shift_dates(text: str, days: int, base_year: int) -> str:
    """Every date string moved by `days`, each in the form (and digit width) it was printed in."""

    def replace(match: re.Match) -> str:
        g = match.groupdict()
        try:
            if g["y1"]:
                old = date(int(g["y1"].translate(_ASCII)), _month_number(g["m1"]), int(g["d1"].translate(_ASCII)))
                new = old + timedelta(days=days)
                return (f"{_month_name(g['m1'], new.month)}{g['s1']}{_digits(g['d1'], new.day)}"
                        f"{g['t1']}{_digits(g['y1'], new.year)}")
            if g["y2"]:
                old = date(int(g["y2"].translate(_ASCII)), _month_number(g["m2"]), int(g["d2"].translate(_ASCII)))
                new = old + timedelta(days=days)
                return (f"{_digits(g['d2'], new.day)}{g['s2']}{_month_name(g['m2'], new.month)}"
                        f"{g['t2']}{_digits(g['y2'], new.year)}")
            if g["y3"]:
                old = date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
                new = old + timedelta(days=days)
                return new.isoformat() if g["y3"].isascii() else new.isoformat().translate(_FULLWIDTH)
            if g["y4"]:
                old = date(int(g["y4"].translate(_ASCII)), int(g["m4"].translate(_ASCII)),
                           int(g["d4"].translate(_ASCII)))
                new = old + timedelta(days=days)
                return (f"{_digits(g['y4'], new.year)}{g['s4']}{_digits(g['m4'], new.month)}"
                        f"{g['t4']}{_digits(g['d4'], new.day)}{g['u4']}")
            if g["d5"]:  # "on 30 October": no year printed, the review's own year is meant
                old = date(base_year, _month_number(g["m5"]), int(g["d5"].translate(_ASCII)))
                new = old + timedelta(days=days)
                return f"{_digits(g['d5'], new.day)}{g['s5']}{_MONTHS[new.month - 1]}"
        except ValueError:
            pass
        return match.group()

    return DATE_RE.sub(replace, text)


def _month_number(name: str) -> int:
    return [m[:3] for m in _MONTHS].index(name[:3].title()) + 1


def scale_prices(text: str, factor: float) -> str:
    """Every number inside a price phrase ("86,000-87,500 yuan/mt", "２．８１万元/吨") times `factor`,
    printed as before: same decimals, thousands separators only if it had them, same digit width.
    Integers are rounded to one digit finer than their trailing zeros (86,000 -> 105,900)."""

    def number(match: re.Match) -> str:
        original = match.group()
        plain = original.translate(_ASCII)
        decimals = len(plain.split(".", 1)[1]) if "." in plain else 0
        value = float(plain.replace(",", "")) * factor
        grouping = "," if "," in plain else ""
        if decimals:
            out = f"{value:{grouping}.{decimals}f}"
        else:
            whole = plain.replace(",", "")
            zeros = len(whole) - len(whole.rstrip("0")) if whole.strip("0") else 0
            step = 10 ** max(0, zeros - 1)
            out = f"{max(step, round(value / step) * step):{grouping}d}"
        return out if original.isascii() else out.translate(_FULLWIDTH)

    return PRICE_PHRASE.sub(lambda m: NUM_RE.sub(number, m.group()), text)


@dataclasses.dataclass
class Template:
    name: str
    source: str  # file name prefix: argus, smm
    slug: str  # what the file name says after the date
    suffix: str  # .txt / .html
    encoding: str  # utf-8 or gb18030
    text: str
    published: date
    shuffle: bool
    chinese: bool


def load_templates() -> list[Template]:
    templates = []
    name_re = re.compile(r"^(?P<source>[a-z]+)-(?:[a-z-]*?-)?(?P<date>\d{4}-\d{2}-\d{2})-?(?P<slug>.*)$")
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.iterdir()):
            if path.suffix not in (".txt", ".html"):
                continue
            raw = path.read_bytes()
            try:
                text, encoding = raw.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                text, encoding = raw.decode("gb18030"), "gb18030"
            match = name_re.match(path.stem)
            templates.append(Template(
                name=path.name, source=match["source"], slug=match["slug"] or "review", suffix=path.suffix,
                encoding=encoding, text=text.replace("\r\n", "\n"), published=date.fromisoformat(match["date"]),
                shuffle=folder.name == "series", chinese=any("\u4e00" <= c <= "\u9fff" for c in text[:400])))
    return templates


def _blocks(text: str) -> tuple[list[str], str]:
    sep = "\n\n" if "\n\n" in text.strip() else "\n"
    return text.split(sep), sep


def _is_body(block: str) -> bool:
    """A paragraph of running text: no headline, date line, menu item or tag."""
    plain = block.strip()
    long_enough = len(plain) >= 60 if plain.isascii() else len(plain) >= 20
    return (long_enough and plain.endswith((".", "。", "...")) and not plain.startswith(("[", "【", "Published", "<"))
            and not DATE_RE.search(plain))


def padding_pools(templates: list[Template]) -> tuple[list[str], list[str]]:
    """Paragraphs of the fixtures that hold no price and no date: (English, Chinese), deduplicated."""
    english: dict[str, None] = {}
    chinese: dict[str, None] = {}
    for template in templates:
        if template.suffix == ".html":
            paragraphs = [html.unescape(TAG.sub("", p)).strip() for p in re.findall(r"<p[^>]*>(.*?)</p>",
                                                                                      template.text, re.S)]
        else:
            paragraphs = [b.strip() for b in _blocks(template.text)[0]]
        for paragraph in paragraphs:
            if _is_body(paragraph) and not PRICE_PHRASE.search(paragraph) and "@" not in paragraph:
                (chinese if template.chinese else english)[paragraph] = None
    return list(english), list(chinese)


def make_document(template: Template, rng: random.Random, target_bytes: int,
                  pools: tuple[list[str], list[str]]) -> tuple[str, bytes]:
    """One varied review: (file name without index, encoded bytes)."""
    weeks = rng.randint(-520, 26)
    published = template.published + timedelta(weeks=weeks)
    text = shift_dates(template.text, weeks * 7, template.published.year)
    text = scale_prices(text, rng.uniform(0.6, 1.6))
    pool = [p for p in (pools[1] if template.chinese else pools[0]) if p not in template.text]
    rng.shuffle(pool)
    size = len(text.encode(template.encoding))
    if template.suffix == ".html":
        # only the article's own paragraphs are shuffled and padded; nav, aside and footer stay put
        head, tail = "", ""
        if "<article>" in text and "</article>" in text:
            head, _, rest = text.partition("<article>")
            text, _, tail = rest.partition("</article>")
            head, tail = head + "<article>", "</article>" + tail
        paragraphs = HTML_P.findall(text)
        if template.shuffle and len(paragraphs) > 1:
            order = paragraphs[:]
            rng.shuffle(order)
            parts = HTML_P.split(text)  # text, p1, text, p2, ...
            for index, body in enumerate(order):
                parts[2 * index + 1] = body
            paragraphs = order
        else:
            parts = HTML_P.split(text)
        extra: list[list[str]] = [[] for _ in paragraphs]
        while size < target_bytes and pool and paragraphs:
            paragraph = html.escape(pool.pop(), quote=False)
            extra[rng.randrange(len(paragraphs))].append(paragraph)
            size += len(paragraph.encode(template.encoding)) + 8
        out = [parts[0]]
        for index in range(len(paragraphs)):
            out.append(f"<p>{parts[2 * index + 1]}</p>")
            out.extend(f"\n<p>{p}</p>" for p in extra[index])
            out.append(parts[2 * index + 2])
        text = head + "".join(out) + tail
    else:
        blocks, sep = _blocks(text)
        body = [i for i, block in enumerate(blocks) if _is_body(block)]
        if template.shuffle and len(body) > 1:
            contents = [blocks[i] for i in body]
            rng.shuffle(contents)
            for i, content in zip(body, contents, strict=True):
                blocks[i] = content
        extra = {i: [] for i in body}
        while size < target_bytes and pool and body:
            paragraph = pool.pop()
            extra[rng.choice(body)].append(paragraph)
            size += len(paragraph.encode(template.encoding)) + len(sep)
        text = sep.join(sep.join([block, *extra.get(i, [])]) for i, block in enumerate(blocks))
    name = f"{template.source}-{published.isoformat()}-{template.slug}{template.suffix}"
    return name, text.encode(template.encoding)


def generate_corpus(folder: Path, files: int, total_bytes: int, seed: int) -> dict:
    """Write `files` reviews of about `total_bytes` in all into `folder`; reused when already there."""
    manifest_path = folder / "MANIFEST.json"
    wanted = {"files": files, "total_bytes": total_bytes, "seed": seed, "generator": GENERATOR_VERSION}
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if {k: manifest.get(k) for k in wanted} == wanted:
            return manifest
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "docs").mkdir(parents=True)
    templates = load_templates()
    pools = padding_pools(templates)
    written = 0
    digest = hashlib.sha256()
    for index in range(files):
        rng = random.Random(f"{seed}:{index}")
        template = templates[rng.randrange(len(templates))]
        target = (total_bytes - written) / (files - index) * rng.uniform(0.75, 1.25)
        name, data = make_document(template, rng, int(target), pools)
        (folder / "docs" / f"{index:05d}-{name}").write_bytes(data)
        written += len(data)
        digest.update(data)
    manifest = {**wanted, "bytes": written, "sha256": digest.hexdigest()[:16]}
    manifest_path.write_text(json.dumps(manifest))
    return manifest


# --------------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------------

# Runs `tracker ARGS...` exactly as `python -m tracker` does, then reports its own peak RSS.
_CHILD = """
import json, os, resource, runpy, sys
code = 0
try:
    runpy.run_module("tracker", run_name="__main__", alter_sys=True)
except SystemExit as exit:
    code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
finally:
    with open(os.environ["BENCH_CHILD_REPORT"], "w") as handle:
        json.dump({"code": code, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}, handle)
"""


@dataclasses.dataclass
class Run:
    wall: float
    code: int
    rss_mb: float | None = None
    stderr: str = ""


def run_process(argv: list[str], cwd: Path, *, stdout=subprocess.DEVNULL, report_rss: bool = False) -> Run:
    # as users run it: pip compiles tracker's modules to bytecode on install, and Python keeps what it compiles;
    # a shell that forbids writing bytecode (PYTHONDONTWRITEBYTECODE) would time the compiler on every start
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    report = None
    if report_rss:
        fd, report = tempfile.mkstemp(prefix="rss-", suffix=".json", dir=cwd)
        os.close(fd)
        env["BENCH_CHILD_REPORT"] = report
        argv = [PY, "-c", _CHILD, *argv[3:]] if argv[:3] == [PY, "-m", "tracker"] else argv
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    rss = None
    if report:
        try:
            data = json.loads(Path(report).read_text())
            rss = data["maxrss_kb"] / 1024
        except (OSError, ValueError):
            pass
        os.unlink(report)
    return Run(wall, done.returncode, rss, done.stderr.decode("utf-8", "replace"))


def tracker_cmd(*args: str) -> list[str]:
    return [PY, "-m", "tracker", *args]


def corpus_files(folder: Path) -> list[Path]:
    return sorted((folder / "docs").iterdir())


def bare_regex(folder: Path) -> tuple[float, int]:
    """Read every file's bytes, decode, run one compiled `regex` pattern with finditer: (seconds, matches)."""
    import regex

    pattern = regex.compile(BARE_PATTERN)
    start = time.perf_counter()
    count = 0
    for path in sorted(os.listdir(folder / "docs")):
        with open(folder / "docs" / path, "rb") as handle:
            raw = handle.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")
        for _ in pattern.finditer(text):
            count += 1
    return time.perf_counter() - start, count


def floor_cmd(folder: Path, jobs: int) -> list[str]:
    return [PY, str(FLOOR), str(folder / "docs"), "--jobs", str(jobs)]


def front_end(folder: Path) -> tuple[float, float, float, int, int]:
    """tracker's read_document against the minimal front end (bench/floor.py), file by file, taking turns at
    going first: (read_document seconds, the same without publisher attribution (the issue's front end: read,
    decode, HTML, normalise, title and date), minimal seconds, files whose texts are identical, files)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from floor import minimal_text

    from tracker.documents import iter_paths, read_document

    spent = [0.0, 0.0, 0.0]
    same = 0
    paths = list(iter_paths([str(folder / "docs")]))
    for index, path in enumerate(paths):
        turns = (0, 1, 2)[index % 3:] + (0, 1, 2)[:index % 3]
        for turn in turns:
            start = time.perf_counter()
            if turn == 0:
                text = read_document(path).text
            elif turn == 1:
                read_document(path, publisher_override="")  # a publisher given: the page is not searched for one
            else:
                reference = minimal_text(path)
            spent[turn] += time.perf_counter() - start
        same += text == reference
    return spent[0], spent[1], spent[2], same, len(paths)


def extract_in_process(folder: Path) -> tuple[float, int]:
    """What `tracker extract DIR` does, in this process: iter_paths -> read_document -> extract_text."""
    from tracker.documents import iter_paths, read_document
    from tracker.extract import extract_text

    start = time.perf_counter()
    count = 0
    for path in iter_paths([str(folder / "docs")]):
        document = read_document(path)
        count += len(extract_text(document.text, document.date, document.title))
    return time.perf_counter() - start, count


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# Ten series, ten years of weekly points: (commodity, grade, price type, currency, unit, start level)
PLOT_SERIES = [
    ("cobalt_sulphate", None, "assessment", "CNY", "mt", 50_000),
    ("refined_cobalt", None, "transaction", "CNY", "mt", 300_000),
    ("cobalt_intermediate", None, "assessment", "USD", "lb", 15.0),
    ("lithium_carbonate", "battery-grade", "assessment", "CNY", "mt", 80_000),
    ("lithium_hydroxide", "battery-grade", "offer", "CNY", "mt", 90_000),
    ("spodumene", "SC6", "assessment", "USD", "mt", 900.0),
    ("nickel_sulphate", "battery-grade", "assessment", "CNY", "mt", 28_000),
    ("nickel_intermediate", None, "offer", "USD", "mt", 14_000.0),
    ("refined_nickel", None, "transaction", "CNY", "mt", 130_000),
    ("cobalt_tetroxide", None, "assessment", "CNY", "mt", 180_000),
]


def build_plot_store(db: Path, seed: int, years: int = 10) -> int:
    """A store of ten series x `years` years of weekly points, one synthetic document per week."""
    from tracker.documents import Document, text_hash
    from tracker.extract import EXTRACTOR_VERSION
    from tracker.observation import Observation
    from tracker.store import Store

    rng = random.Random(f"{seed}:plot")
    levels = [s[-1] for s in PLOT_SERIES]
    first = date(2016, 1, 7)
    points = 0
    with Store(db) as store:
        for week in range(years * 52 + 1):
            day = first + timedelta(weeks=week)
            observations, lines = [], []
            for index, (commodity, grade, price_type, currency, unit, _) in enumerate(PLOT_SERIES):
                levels[index] *= 1 + rng.gauss(0.0005, 0.02)
                low = round(levels[index] * 0.99, 2)
                high = round(levels[index] * 1.01, 2)
                phrase = f"{low:,.2f}-{high:,.2f} {currency}/{unit}"
                sentence = f"{commodity.replace('_', ' ').capitalize()} was assessed at {phrase}."
                offset = sum(len(line) + 1 for line in lines)
                observations.append(Observation(
                    date=day, commodity=commodity, grade=grade, price_type=price_type, low=low, high=high,
                    currency=currency, unit=unit, text=phrase, sentence=sentence,
                    start=offset + sentence.index(phrase), end=offset + sentence.index(phrase) + len(phrase),
                    document=f"/synthetic/weekly-{day.isoformat()}.txt", title=f"Weekly prices {day.isoformat()}",
                    publisher="SMM"))  # one publisher's weekly series, as a real history holds
                lines.append(sentence)
            text = "\n".join(lines)
            document = Document(path=f"/synthetic/weekly-{day.isoformat()}.txt", text=text,
                                title=f"Weekly prices {day.isoformat()}", date=day, content_hash=text_hash(text),
                                publisher="SMM")
            store.save(document, observations, EXTRACTOR_VERSION)
            points += len(observations)
    return points


def tracker_sources() -> dict[str, str]:
    """Digest of each source file of the installed tracker package: edits during a run mix versions."""
    spec = importlib.util.find_spec("tracker")
    found = {}
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for path in sorted(Path(folder).glob("*")):
            if path.suffix in (".py", ".toml"):
                found[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return found


def tracker_digest(sources: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(sources, sort_keys=True).encode()).hexdigest()[:12]


def plot_available() -> bool:
    try:
        spec = importlib.util.find_spec("tracker.plot")
    except (ImportError, ValueError):
        return False
    if spec is None:
        return False
    try:
        module = importlib.import_module("tracker.plot")
    except Exception:  # noqa: BLE001 - being written by someone else: report, do not crash
        return False
    return hasattr(module, "plot_prices")


# --------------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Row:
    stage: str
    size: str
    wall: str = ""
    rate: str = ""
    ratio: str = ""
    target: str = ""
    result: str = ""


def fmt_s(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def verdict(ok: bool | None, error: bool = False) -> str:
    """PASS/FAIL; ERROR when a command behind the numbers failed (the numbers then mean nothing)."""
    if error:
        return "ERROR"
    return "" if ok is None else "PASS" if ok else "FAIL"


def print_table(rows: list[Row], out=sys.stdout) -> None:
    header = Row("stage", "size", "wall s", "rate", "ratio", "target", "result")
    fields = [f.name for f in dataclasses.fields(Row)]
    table = [header, *rows]
    widths = [max(len(getattr(row, f)) for row in table) for f in fields]
    line = "  ".join("-" * w for w in widths)
    print(line, file=out)
    for i, row in enumerate(table):
        print("  ".join(getattr(row, f).ljust(w) for f, w in zip(fields, widths, strict=True)).rstrip(), file=out)
        if i == 0:
            print(line, file=out)
    print(line, file=out)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------------
# Stages
# --------------------------------------------------------------------------------------------------

class Bench:
    def __init__(self, args: argparse.Namespace, workdir: Path):
        self.args = args
        self.workdir = workdir
        self.rows: list[Row] = []
        self.notes: list[str] = []
        self.startup: float | None = None  # median wall of `python -m tracker --help`
        self.digest = ""
        self.sources: dict[str, str] = {}
        self.fixed: float | None = None  # median wall of `tracker extract` of one review: the fixed cost
        scale = 1 / 20 if args.quick else 1.0
        self.files = max(20, round(args.files * scale))
        self.docs = max(40, round(args.docs * scale))
        self.bytes = int(args.size_mb * MB * scale)
        self.bytes_per_doc = self.bytes / self.files
        self.fractions = (0.1, 0.5, 1.0)
        self.jobs = max(1, min(os.cpu_count() or 1, 8))  # tracker's default --jobs: every core, up to 8
        self.floor_ingest: float | None = None  # median wall of the floor over the full ingest corpus

    # corpora ------------------------------------------------------------------------------------

    def extract_corpus(self, fraction: float) -> tuple[Path, dict]:
        files = max(2, round(self.files * fraction))
        folder = self.workdir / f"extract-{files}"
        return folder, generate_corpus(folder, files, int(self.bytes * fraction), self.args.seed)

    def ingest_corpus(self, fraction: float) -> tuple[Path, dict]:
        docs = max(4, round(self.docs * fraction))
        folder = self.workdir / f"ingest-{docs}"
        return folder, generate_corpus(folder, docs, int(self.bytes_per_doc * docs), self.args.seed + 1)

    # CLI latency ------------------------------------------------------------------------------

    def cli_latency(self) -> None:
        review = str(next((FIXTURES / "seed-like").glob("*.txt")))
        commands = {"python -c pass": [PY, "-c", "pass"],
                    "python -m tracker --help": tracker_cmd("--help"),
                    "python -m tracker extract 1 review": tracker_cmd("extract", review, "--format", "csv")}
        # the console script of the tracker being measured: beside this interpreter (a venv), else on PATH
        beside = Path(PY).with_name("tracker.exe" if os.name == "nt" else "tracker")
        script = str(beside) if beside.exists() else shutil.which("tracker")
        if script:
            commands["tracker --help (script)"] = [script, "--help"]
        times: dict[str, list[float]] = {name: [] for name in commands}
        failed: set[str] = set()
        # once, untimed: a first run after tracker's rules change compiles its patterns for the cache
        # (tracker.regexcache) that every later run, as every user's, loads them from
        run_process(commands["python -m tracker extract 1 review"], self.workdir)
        for _ in range(self.args.cli_runs):  # round robin: drift hits every command alike
            for name, argv in commands.items():
                run = run_process(argv, self.workdir)
                if run.code != 0 and name not in failed:
                    failed.add(name)
                    self.notes.append(f"{name} exited with {run.code}: {run.stderr.strip()[-300:]}")
                times[name].append(run.wall)
        base = median(times["python -c pass"])
        helps = median(times["python -m tracker --help"])
        one = median(times["python -m tracker extract 1 review"])
        self.startup = helps
        self.fixed = one
        runs = self.args.cli_runs
        self.rows.append(Row("cli: python -c pass", f"median/{runs}", fmt_s(base)))
        self.rows.append(Row("cli: tracker --help", f"median/{runs}", fmt_s(helps), "",
                             f"+{helps - base:.3f} s", f"<= +{TARGET_HELP:.3f} s",
                             verdict(helps - base <= TARGET_HELP, "python -m tracker --help" in failed)))
        if script:
            sh = median(times["tracker --help (script)"])
            self.rows.append(Row("cli: tracker --help (script)", f"median/{runs}", fmt_s(sh), "",
                                 f"+{sh - base:.3f} s", f"<= +{TARGET_HELP:.3f} s",
                                 verdict(sh - base <= TARGET_HELP, "tracker --help (script)" in failed)))
        self.rows.append(Row("cli: extract 1 review", f"median/{runs}", fmt_s(one), "",
                             f"+{one - base:.3f} s", f"<= +{TARGET_ONE_REVIEW:.3f} s",
                             verdict(one - base <= TARGET_ONE_REVIEW, "python -m tracker extract 1 review" in failed)))
        self.heavy_imports(review)

    def heavy_imports(self, review: str) -> None:
        mods = HEAVY_MODULES
        probe = (
            "import contextlib, json, os, sys\n"
            "from tracker.cli import main\n"
            f"after_import = [m for m in {mods!r} if m in sys.modules]\n"
            "with open(os.devnull, 'w') as null, contextlib.redirect_stdout(null), \\\n"
            "        contextlib.redirect_stderr(null):\n"
            "    try:\n"
            "        main(sys.argv[1:], standalone_mode=False)\n"
            "    except SystemExit:\n"
            "        pass\n"
            f"print(json.dumps([after_import, [m for m in {mods!r} if m in sys.modules]]))\n"
        )
        for label, argv in (("--help", ["--help"]), ("extract 1 review", ["extract", review, "--format", "csv"])):
            done = subprocess.run([PY, "-c", probe, *argv], cwd=self.workdir, capture_output=True, text=True)
            try:
                at_import, after_run = json.loads(done.stdout.strip().splitlines()[-1])
            except (ValueError, IndexError):
                self.notes.append(f"heavy-import probe for {label} failed: {done.stderr.strip()[-300:]}")
                continue
            bad = [m for m in after_run if m in ("pandas", "matplotlib", "numpy")]
            self.notes.append(f"modules loaded by `import tracker.cli`: "
                              f"{at_import or 'none of ' + ', '.join(HEAVY_MODULES)}; "
                              f"after `tracker {label}`: {after_run or 'none'}"
                              + (f"  <-- {', '.join(bad)} should not be imported here" if bad else ""))
        # the slowest imports of a one-review extract, from python -X importtime
        done = subprocess.run([PY, "-X", "importtime", "-m", "tracker", "extract", review, "--format", "csv"],
                              cwd=self.workdir, capture_output=True, text=True)
        entries = []
        for line in done.stderr.splitlines():
            match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
            if match and len(match[3]) <= 1:  # top-level imports only
                entries.append((int(match[2]), match[4]))
        entries.sort(reverse=True)
        if entries:
            self.notes.append("slowest top-level imports of `tracker extract <1 review>` (cumulative ms): "
                              + ", ".join(f"{name} {us / 1000:.0f}" for us, name in entries[:6]))

    # extract ------------------------------------------------------------------------------------

    def _run_tracker(self, label: str, *args: str, report_rss: bool = False) -> Run:
        """One whole-process tracker command; a failure is noted and marks the measurement."""
        run = run_process(tracker_cmd(*args), self.workdir, report_rss=report_rss)
        if run.code != 0:
            self.notes.append(f"{label} exited with {run.code}: {run.stderr.strip()[-300:]!r}")
        return run

    def _floor(self, folder: Path, jobs: int) -> float:
        run = run_process(floor_cmd(folder, jobs), self.workdir)
        if run.code != 0:
            self.notes.append(f"floor over {folder.name} exited with {run.code}: {run.stderr.strip()[-300:]!r}")
        return run.wall

    def extract_stage(self) -> dict:
        results = {}
        jobs = str(self.jobs)
        for fraction in self.fractions:
            folder, manifest = self.extract_corpus(fraction)
            mb = manifest["bytes"] / MB
            full = fraction == 1.0
            proc, inproc, bare, floor, proc1, floor1, proc2 = [], [], [], [], [], [], []
            matches = observations = None
            failed = False
            for _ in range(self.args.repeat):  # interleaved, so the ratio sees the same machine
                seconds, matches = bare_regex(folder)
                bare.append(seconds)
                floor.append(self._floor(folder, self.jobs))
                run = self._run_tracker(f"extract of {manifest['files']} files", "extract", str(folder / "docs"),
                                        "--format", "csv", "--jobs", jobs)
                failed |= run.code != 0
                proc.append(run.wall)
                if full:  # one core: the one-process floor, extract --jobs 1; and --jobs 2 for the speed-up
                    floor1.append(self._floor(folder, 1))
                    run = self._run_tracker("extract --jobs 1", "extract", str(folder / "docs"), "--format", "csv",
                                            "--jobs", "1")
                    failed |= run.code != 0
                    proc1.append(run.wall)
                    if self.jobs != 2:
                        run = self._run_tracker("extract --jobs 2", "extract", str(folder / "docs"), "--format",
                                                "csv", "--jobs", "2")
                        failed |= run.code != 0
                        proc2.append(run.wall)
                if (full and not inproc) or self.args.inprocess_all:  # informative: once
                    try:
                        seconds, observations = extract_in_process(folder)
                        inproc.append(seconds)
                    except Exception as error:  # noqa: BLE001 - tracker may be mid-edit: report, go on
                        self.notes.append(f"in-process extract failed: {type(error).__name__}: {error}")
            results[fraction] = {"mb": mb, "files": manifest["files"], "proc": median(proc),
                                 "inproc": median(inproc) if inproc else None, "bare": median(bare),
                                 "floor": median(floor), "proc1": median(proc1) if proc1 else None,
                                 "floor1": median(floor1) if floor1 else None,
                                 "proc2": median(proc2) if proc2 else median(proc),
                                 "matches": matches, "observations": observations, "failed": failed}
            log(f"extract {manifest['files']} files {mb:.1f} MB: process {median(proc):.2f}s, "
                f"floor {median(floor):.3f}s, bare {median(bare):.3f}s{' (FAILED)' if failed else ''}")
        fixed = self.fixed or 0.0
        tenth = results[0.1]
        tenth_cost = (tenth["proc"] - fixed) / tenth["mb"]
        for fraction, r in results.items():
            label = f"{r['files']} files {r['mb']:.1f} MB"
            bare_rate = r["mb"] / r["bare"]
            rate = r["mb"] / r["proc"]
            cost = (r["proc"] - fixed) / r["mb"]
            full = fraction == 1.0
            error = r["failed"] or tenth["failed"]
            self.rows.append(Row("bare regex finditer", label, fmt_s(r["bare"]), f"{bare_rate:.1f} MB/s",
                                 f"{r['matches']} matches"))
            self.rows.append(Row(f"floor (process, --jobs {self.jobs})", label, fmt_s(r["floor"]),
                                 f"{r['mb'] / r['floor']:.1f} MB/s"))
            times_floor = r["proc"] / r["floor"]
            self.rows.append(Row(f"extract (process, --jobs {self.jobs})", label, fmt_s(r["proc"]),
                                 f"{rate:.2f} MB/s", f"{times_floor:.1f}x floor; {rate / bare_rate:.3f} of bare",
                                 f"<= {TARGET_FLOOR:g}x floor" if full else "",
                                 verdict(times_floor <= TARGET_FLOOR, r["failed"]) if full else
                                 ("ERROR" if r["failed"] else "")))
            self.rows.append(Row("  extract cost/MB (net)", label, "", f"{cost:.3f} s/MB",
                                 f"{cost / tenth_cost:.2f}x 1/10" if fraction != 0.1 else "1.00x",
                                 "<= 1.3x 1/10" if full else "",
                                 verdict(cost / tenth_cost <= 1.3, error) if full else ""))
            if r["inproc"] is not None:
                self.rows.append(Row("  extract (in-process)", label, fmt_s(r["inproc"]),
                                     f"{r['mb'] / r['inproc']:.2f} MB/s",
                                     f"{r['mb'] / r['inproc'] / bare_rate:.3f} of bare",
                                     "", "" if r["observations"] is None else f"{r['observations']} obs"))
            if r["proc1"] is not None and r["floor1"] is not None:
                self.rows.append(Row("floor (process, --jobs 1)", label, fmt_s(r["floor1"]),
                                     f"{r['mb'] / r['floor1']:.1f} MB/s"))
                times_floor1 = r["proc1"] / r["floor1"]
                self.rows.append(Row("extract (process, --jobs 1)", label, fmt_s(r["proc1"]),
                                     f"{r['mb'] / r['proc1']:.2f} MB/s", f"{times_floor1:.1f}x floor --jobs 1",
                                     f"<= {TARGET_FLOOR_J1:g}x", verdict(times_floor1 <= TARGET_FLOOR_J1, r["failed"])))
                speedup = r["proc1"] / r["proc2"]
                self.rows.append(Row("  speed-up --jobs 1 -> 2", label, "", "", f"{speedup:.2f}x",
                                     f">= {TARGET_SPEEDUP:g}x", verdict(speedup >= TARGET_SPEEDUP, r["failed"])))
        return results

    def front_end_stage(self) -> None:
        """tracker's read_document against a minimal front end giving the same text, in this process."""
        folder, manifest = self.extract_corpus(1.0)
        mine, bare, minimal = [], [], []
        same = files = 0
        try:
            for _ in range(self.args.repeat):
                seconds, unattributed, reference, same, files = front_end(folder)
                mine.append(seconds)
                bare.append(unattributed)
                minimal.append(reference)
        except Exception as error:  # noqa: BLE001 - tracker may be mid-edit: report, go on
            self.notes.append(f"front-end comparison failed: {type(error).__name__}: {error}")
            return
        label = f"{files} files {manifest['bytes'] / MB:.1f} MB"
        per = 1e6 / files
        self.rows.append(Row("front end: minimal", label, fmt_s(median(minimal)),
                             f"{median(minimal) * per:.0f} us/file", f"{same}/{files} texts identical", "",
                             "" if same == files else "ERROR"))
        ratio = median(bare) / median(minimal)
        self.rows.append(Row("front end: read_document -publisher", label, fmt_s(median(bare)),
                             f"{median(bare) * per:.0f} us/file", f"{ratio:.2f}x minimal",
                             f"<= {TARGET_FRONT_END:g}x", verdict(ratio <= TARGET_FRONT_END, same != files)))
        ratio = median(mine) / median(minimal)
        self.rows.append(Row("front end: read_document", label, fmt_s(median(mine)),
                             f"{median(mine) * per:.0f} us/file", f"{ratio:.2f}x minimal",
                             f"<= {TARGET_FRONT_END:g}x", verdict(ratio <= TARGET_FRONT_END, same != files)))
        if same != files:
            self.notes.append(f"the minimal front end's text differs from tracker's in {files - same} files: "
                              "the front-end rows compare different work")

    # ingest, re-ingest, export ------------------------------------------------------------------

    def ingest_stage(self) -> None:
        results = {}
        export_times: list[float] = []
        export_rows = ""
        export_failed = False
        for fraction in (0.1, 0.5, 1.0):
            folder, manifest = self.ingest_corpus(fraction)
            docs, mb = manifest["files"], manifest["bytes"] / MB
            ingest, reingest, extract, rss, floors = [], [], [], [], []
            failed = {"ingest": False, "reingest": False, "extract": False}
            for repeat in range(self.args.repeat if fraction == 1.0 else self.args.scale_repeat):
                db = self.workdir / f"store-{docs}-{repeat}.db"
                for stale in self.workdir.glob(db.name + "*"):
                    stale.unlink()
                ingest_args = ("ingest", str(folder / "docs"), "--store", str(db))
                run = self._run_tracker(f"ingest of {docs} documents", *ingest_args, report_rss=True)
                ingest.append(run.wall)
                rss.append(run.rss_mb)
                new = re.search(r"(\d+) new", run.stderr)
                if run.code != 0 or not new or int(new[1]) != docs:
                    failed["ingest"] = True
                    self.notes.append(f"ingest of {docs} documents: expected {docs} new, got: "
                                      f"{run.stderr.strip()[-200:]!r}")
                run = self._run_tracker(f"re-ingest of {docs} documents", *ingest_args, report_rss=True)
                reingest.append(run.wall)
                unchanged = re.search(r"(\d+) unchanged", run.stderr)
                if run.code != 0 or not unchanged or int(unchanged[1]) != docs:
                    failed["reingest"] = True
                    self.notes.append(f"re-ingest of {docs} documents: expected {docs} unchanged, got: "
                                      f"{run.stderr.strip()[-200:]!r}")
                if fraction == 1.0:
                    floors.append(self._floor(folder, self.jobs))
                    run = self._run_tracker(f"extract of the {docs} ingest documents", "extract",
                                            str(folder / "docs"), "--format", "csv")
                    extract.append(run.wall)
                    failed["extract"] |= run.code != 0
                    out = self.workdir / "export.csv"
                    run = self._run_tracker("export", "export", "--store", str(db), "--output", str(out))
                    export_times.append(run.wall)
                    export_failed |= run.code != 0
                    export_rows = run.stderr.strip().splitlines()[-1] if run.stderr.strip() else ""
                if repeat:
                    for stale in self.workdir.glob(db.name + "*"):
                        stale.unlink()
            if floors:
                self.floor_ingest = median(floors)
            results[fraction] = {"docs": docs, "mb": mb, "ingest": median(ingest), "reingest": median(reingest),
                                 "extract": median(extract) if extract else None, "failed": failed,
                                 "rss": max(r for r in rss if r is not None) if any(rss) else None}
            log(f"ingest {docs} docs: {median(ingest):.2f}s, re-ingest {median(reingest):.2f}s"
                + (f" (FAILED: {', '.join(k for k, v in failed.items() if v)})" if any(failed.values()) else ""))
        fixed = self.fixed or 0.0
        tenth = results[0.1]
        tenth_cost = (tenth["ingest"] - fixed) / tenth["docs"]
        full = results[1.0]
        for fraction, r in results.items():
            label = f"{r['docs']} docs {r['mb']:.1f} MB"
            is_full = fraction == 1.0
            bad = r["failed"]
            cost = (r["ingest"] - fixed) / r["docs"]
            ratio = f"{full['ingest'] / full['extract']:.2f}x extract" if is_full and full["extract"] else ""
            if is_full and self.floor_ingest:
                ratio += f"; {full['ingest'] / self.floor_ingest:.1f}x floor"
            self.rows.append(Row("ingest (fresh store)", label, fmt_s(r["ingest"]),
                                 f"{r['docs'] / r['ingest']:.0f} docs/s",
                                 ratio, "<= 2x extract" if is_full else "",
                                 verdict(full["ingest"] <= 2 * full["extract"], bad["ingest"] or bad["extract"])
                                 if is_full and full["extract"] else ("ERROR" if bad["ingest"] else "")))
            self.rows.append(Row("  ingest cost/doc (net)", label, "", f"{cost * 1000:.2f} ms/doc",
                                 f"{cost / tenth_cost:.2f}x 1/10" if fraction != 0.1 else "1.00x",
                                 "<= 1.3x 1/10" if is_full else "",
                                 verdict(cost / tenth_cost <= 1.3, bad["ingest"] or tenth["failed"]["ingest"])
                                 if is_full else ""))
            rss_ratio = r["rss"] / tenth["rss"] if r["rss"] and tenth["rss"] else None
            self.rows.append(Row("  ingest peak RSS", label, "", f"{r['rss']:.0f} MB" if r["rss"] else "n/a",
                                 f"{rss_ratio:.2f}x 1/10" if rss_ratio and fraction != 0.1 else "",
                                 "<= 1.5x 1/10" if is_full else "",
                                 verdict(rss_ratio is not None and rss_ratio <= 1.5,
                                         bad["ingest"] or tenth["failed"]["ingest"]) if is_full else ""))
            self.rows.append(Row("re-ingest (unchanged)", label, fmt_s(r["reingest"]),
                                 f"{r['docs'] / r['reingest']:.0f} docs/s",
                                 f"{r['reingest'] / r['ingest']:.3f}x ingest",
                                 "<= 0.25x ingest" if is_full else "",
                                 verdict(r["reingest"] <= 0.25 * r["ingest"], bad["ingest"] or bad["reingest"])
                                 if is_full else ("ERROR" if bad["reingest"] else "")))
        if full["extract"]:
            self.rows.append(Row("  extract same docs (process)", f"{full['docs']} docs {full['mb']:.1f} MB",
                                 fmt_s(full["extract"]), f"{full['mb'] / full['extract']:.2f} MB/s",
                                 f"{full['extract'] / self.floor_ingest:.1f}x floor" if self.floor_ingest else "",
                                 result="ERROR" if full["failed"]["extract"] else ""))
        if self.floor_ingest:
            self.rows.append(Row(f"  floor same docs (--jobs {self.jobs})", f"{full['docs']} docs {full['mb']:.1f} MB",
                                 fmt_s(self.floor_ingest), f"{full['mb'] / self.floor_ingest:.1f} MB/s"))
        if export_times:
            rows = re.match(r"(\d+) rows", export_rows)
            self.rows.append(Row("export CSV", f"{full['docs']}-doc store", fmt_s(median(export_times)),
                                 f"{int(rows[1]) / median(export_times):.0f} rows/s" if rows else "",
                                 result="ERROR" if export_failed or full["failed"]["ingest"] else ""))

    def plot_stage(self) -> None:
        years = 1 if self.args.quick else 10
        label = f"10 series x {years}y weekly"
        if not plot_available():
            self.rows.append(Row("plot (process)", label, "not available"))
            self.notes.append("tracker.plot.plot_prices not importable: plot row not measured")
            return
        db = self.workdir / "plot.db"
        for stale in self.workdir.glob("plot.db*"):
            stale.unlink()
        start = time.perf_counter()
        points = build_plot_store(db, self.args.seed, years)
        build = time.perf_counter() - start
        times = []
        for _ in range(self.args.scale_repeat):
            out = self.workdir / "charts"
            shutil.rmtree(out, ignore_errors=True)
            run = run_process(tracker_cmd("plot", "--store", str(db), "--output", str(out)), self.workdir)
            if run.code != 0:
                self.notes.append(f"plot exited {run.code}: {run.stderr.strip()[-400:]}")
                self.rows.append(Row("plot (process)", f"{label}, {points} pts", "failed"))
                return
            times.append(run.wall)
        pngs = len(list((self.workdir / "charts").glob("*.png")))
        self.rows.append(Row("plot (process)", f"{label}, {points} pts", fmt_s(median(times)), f"{pngs} PNGs"))
        run = run_process(tracker_cmd("export", "--store", str(db), "--output", str(self.workdir / "plot.csv")),
                          self.workdir)
        self.rows.append(Row("export CSV", f"{points}-point store", fmt_s(run.wall)))
        self.notes.append(f"plot store built in {build:.1f} s ({points} observations via Store.save)")

    # everything ---------------------------------------------------------------------------------

    def run_all(self) -> None:
        log(f"workdir {self.workdir}; extract {self.files} files / {self.bytes / MB:.1f} MB, ingest {self.docs} docs")
        self.sources = tracker_sources()
        self.digest = tracker_digest(self.sources)
        start = time.perf_counter()
        for fraction in self.fractions:
            self.extract_corpus(fraction)
            self.ingest_corpus(fraction)
        log(f"corpora ready in {time.perf_counter() - start:.1f} s")
        self.cli_latency()
        log("cli latency done")
        self.extract_stage()
        self.front_end_stage()
        log("front end done")
        self.ingest_stage()
        self.plot_stage()
        end = tracker_sources()
        if end != self.sources:
            changed = sorted(name for name in set(end) | set(self.sources) if end.get(name) != self.sources.get(name))
            self.notes.insert(0, f"tracker's sources CHANGED during this run ({', '.join(changed)}; "
                                 f"{self.digest} -> {tracker_digest(end)}): the rows mix versions; run again")
        self.report()

    def report(self) -> None:
        print()
        print(f"tracker benchmark  python {sys.version.split()[0]}  cpus {os.cpu_count()}  seed {self.args.seed}"
              f"  repeat {self.args.repeat}{'  QUICK' if self.args.quick else ''}  tracker sources {self.digest}")
        print_table(self.rows)
        fails = [row.stage.strip() + " @ " + row.size for row in self.rows if row.result == "FAIL"]
        errors = [row.stage.strip() + " @ " + row.size for row in self.rows if row.result == "ERROR"]
        print(f"targets: {sum(row.result == 'PASS' for row in self.rows)} pass, {len(fails)} fail"
              + (": " + "; ".join(fails) if fails else "")
              + (f"; {len(errors)} ERROR (a command failed, see notes): " + "; ".join(errors) if errors else ""))
        print("net = wall minus the fixed cost, the median wall of `tracker extract` of one review "
              f"({fmt_s(self.fixed)} s); rates and ratios use gross wall times.")
        for note in self.notes:
            print(f"note: {note}")

    # profiling --------------------------------------------------------------------------------

    def profile(self, stage: str) -> None:
        from tracker.cli import main

        def cli(*argv: str) -> None:
            with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
                try:
                    main(list(argv), standalone_mode=False)
                except SystemExit:
                    pass

        sys.path.insert(0, str(ROOT / "bench"))
        folder, manifest = (self.extract_corpus(1.0) if stage in ("extract", "bare", "floor", "frontend")
                            else self.ingest_corpus(1.0))
        docs = str(folder / "docs")
        db = self.workdir / "profile.db"
        for stale in self.workdir.glob("profile.db*"):
            stale.unlink()
        if stage in ("reingest", "export"):
            log(f"ingesting {manifest['files']} documents first (not profiled)")
            cli("ingest", docs, "--store", str(db))
        if stage == "plot":
            if not plot_available():
                print("plot: not available (tracker.plot.plot_prices not importable)")
                return
            build_plot_store(db, self.args.seed, 1 if self.args.quick else 10)
        actions = {
            "extract": lambda: cli("extract", docs, "--format", "csv", "--jobs", "1"),  # workers would hide the work
            "bare": lambda: bare_regex(folder),
            "floor": lambda: __import__("floor").main([str(folder / "docs"), "--jobs", "1"]),
            "frontend": lambda: front_end(folder),
            "ingest": lambda: cli("ingest", docs, "--store", str(db), "--jobs", "1"),
            "reingest": lambda: cli("ingest", docs, "--store", str(db)),
            "export": lambda: cli("export", "--store", str(db), "--output", str(self.workdir / "profile.csv")),
            "plot": lambda: cli("plot", "--store", str(db), "--output", str(self.workdir / "profile-charts")),
            "cli": lambda: cli("extract", str(next((FIXTURES / "seed-like").glob("*.txt"))), "--format", "csv"),
        }
        what = {"plot": "the ten-series plot store", "export": f"the {manifest['files']}-document store",
                "cli": "one review (in-process, so start-up is not included)"}.get(
            stage, f"{manifest['files']} files, {manifest['bytes'] / MB:.1f} MB")
        log(f"profiling {stage} over {what}")
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.runcall(actions[stage])
        wall = time.perf_counter() - start
        print(f"{stage}: {wall:.2f} s under cProfile, over {what}")
        if self.args.profile_output:
            profiler.dump_stats(self.args.profile_output)
            print(f"profile written to {self.args.profile_output} (python -m pstats {self.args.profile_output})")
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats(25)
        stats.sort_stats("tottime").print_stats(15)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=10.0, help="megabytes of reviews for extract")
    parser.add_argument("--files", type=int, default=5000, help="files for extract")
    parser.add_argument("--docs", type=int, default=10000, help="documents for ingest")
    parser.add_argument("--seed", type=int, default=20251106, help="corpus seed")
    parser.add_argument("--repeat", type=int, default=3, help="runs per full-size measurement (median quoted)")
    parser.add_argument("--scale-repeat", type=int, default=3,
                        help="runs per 1/10 and 1/2 ingest measurement and per plot (median quoted)")
    parser.add_argument("--cli-runs", type=int, default=7, help="runs per CLI latency measurement")
    parser.add_argument("--inprocess-all", action="store_true",
                        help="time in-process extract in every repeat and at 1/10 and 1/2 too "
                             "(by default once, at full size)")
    parser.add_argument("--workdir", type=Path, help="where corpora and stores go (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temp workdir (a given --workdir is always kept)")
    parser.add_argument("--quick", action="store_true", help="1/20 of every size: a smoke run")
    parser.add_argument("--profile", choices=STAGES, metavar="STAGE",
                        help="run one stage under cProfile and print the top 25 by cumulative time: "
                             + ", ".join(STAGES))
    parser.add_argument("--profile-output", metavar="FILE",
                        help="with --profile: also save the stats for pstats/snakeviz")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        workdir, remove = args.workdir.resolve(), False
    else:
        workdir, remove = Path(tempfile.mkdtemp(prefix="tracker-bench-")), not args.keep
    try:
        bench = Bench(args, workdir)
        if args.profile:
            bench.profile(args.profile)
        else:
            bench.run_all()
    finally:
        if remove:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            log(f"workdir kept: {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
