#!/usr/bin/env python3
"""UI strings: Portal.Web/Resources/SharedResource.resx (zh-CN, the neutral file) and SharedResource.en-US.resx.

  scripts/resx.py add KEY "中文" "English"   add or replace a string in both files
  scripts/resx.py list                        print every key with both texts
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "Portal.Web" / "Resources"
FILES = {"zh": ROOT / "SharedResource.resx", "en": ROOT / "SharedResource.en-US.resx"}
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def load(path):
    if not path.exists():
        return {}
    tree = ET.parse(path)
    return {d.get("name"): (d.findtext("value") or "") for d in tree.getroot().findall("data")}


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def save(path, data):
    ROOT.mkdir(parents=True, exist_ok=True)
    lines = [HEADER]
    for k in sorted(data):
        lines.append(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(data[k])}</value></data>\n')
    lines.append("</root>\n")
    path.write_text("".join(lines), encoding="utf-8")


def add_many(entries):
    zh, en = load(FILES["zh"]), load(FILES["en"])
    for key, z, e in entries:
        zh[key], en[key] = z, e
    save(FILES["zh"], zh)
    save(FILES["en"], en)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "add":
        add_many([(sys.argv[2], sys.argv[3], sys.argv[4])])
    elif len(sys.argv) == 2 and sys.argv[1] == "list":
        zh, en = load(FILES["zh"]), load(FILES["en"])
        for k in sorted(set(zh) | set(en)):
            print(f"{k}\t{zh.get(k, '')}\t{en.get(k, '')}")
    else:
        print(__doc__)
        sys.exit(2)
