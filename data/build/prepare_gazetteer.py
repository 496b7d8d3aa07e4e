"""Copy the gazetteer's source files into data/gazetteer/ (reproducible, byte-identical reruns).

    .venv/bin/python data/build/prepare_gazetteer.py [SOURCE_DIR]

SOURCE_DIR defaults to ../shared/data relative to the repository root; its `gazetteer/`
folder holds the files listed in data/SOURCES.md. The GeoNames country dump is copied as it
is (GeoNames' own zip); the postal-code and OpenStreetMap files, unchanged, are gzipped with
a zero timestamp so two runs give the same bytes. The app reads only the copies; the index
it loads is built from them (`python -m geo gazetteer build`).
"""

from __future__ import annotations

import gzip
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "data" / "gazetteer"
COPIES = (  # (source under SOURCE_DIR/gazetteer, target under data/gazetteer, gzip it?)
    ("geonames/UA.zip", "geonames/UA.zip", False),
    ("geonames-postal/UA.txt", "postal/UA.txt.gz", True),
    ("geonames-postal/BY.txt", "postal/BY.txt.gz", True),
    ("geonames-postal/MD.txt", "postal/MD.txt.gz", True),
    ("geonames-postal/AZ.txt", "postal/AZ.txt.gz", True),
    ("geonames-postal/RU.csv", "postal/RU.csv.gz", True),
    ("osm/ua_settlements_with_regions.csv", "osm/ua_settlements_with_regions.csv.gz", True),
)


def copy(source: Path, target: Path, compress: bool) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if not compress:
        shutil.copyfile(source, target)
        return
    with target.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                 compresslevel=9, mtime=0) as packed:
        packed.write(source.read_bytes())


def main(argv: list[str]) -> int:
    source_dir = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data"
    for source, target, compress in COPIES:
        path = source_dir / "gazetteer" / source
        if not path.exists():
            print(f"missing source file '{path}'; give the folder that holds gazetteer/",
                  file=sys.stderr)
            return 2
        copy(path, TARGET / target, compress)
        print(f"{TARGET / target}: {(TARGET / target).stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
