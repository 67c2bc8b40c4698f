"""Writes DIR/compile_commands.json for the named files of DIR, compiled as
C++20 with INCLUDE on the include path.

usage: write_compile_db.py DIR INCLUDE FILE...
"""
import json
import sys

directory, include, files = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(f"{directory}/compile_commands.json", "w", encoding="utf-8") as out:
    json.dump([{"directory": directory, "file": name,
                "arguments": ["clang++", "-std=c++20", f"-I{include}", "-c",
                              name]} for name in files], out, indent=1)
