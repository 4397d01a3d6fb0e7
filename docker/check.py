#!/usr/bin/env python3
"""Checks docker/Dockerfile without a Docker engine, on a clean copy of the repository.

What it checks (each failure is one line starting with "FAIL"; exit code 1 if any):
  1. the copy: every file git tracks or would track (git ls-files -co --exclude-standard), nothing
     .gitignore'd (data/, target/, webroot/, node_modules) - what a fresh clone holds;
  2. every FROM names an image with an explicit tag (not latest), and the last stage runs as a non-root USER;
  3. every COPY/ADD source exists in that copy (or in the named earlier stage's output);
  4. the stages' RUN commands, run in order in a temp folder laid out like the image (each stage's
     WORKDIR is a folder under the temp root, COPY copies files there). Which RUNs run:
       --run none     only 1-3
       --run cheap    (default) the Maven dependency layer, and the web stage (npm ci, npm run build)
                      when npm is installed and --no-web is not given
       --run all      every RUN, the Maven package too (minutes: it compiles with Error Prone)
     Maven runs with -o when --offline is given (the suite passes it: ~/.m2 is warm after a build).
     Commands of the runtime stage (useradd ...) only make sense as root in the image: they are not run.
"""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message, flush=True)


def instructions(path):
    """Dockerfile instructions as (keyword, argument text), continuation lines joined, comments dropped."""
    result, current = [], ""
    with open(path) as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not current and (not line.strip() or line.lstrip().startswith("#")):
                continue
            if line.rstrip().endswith("\\"):
                current += line.rstrip()[:-1] + " "
                continue
            current += line
            keyword, _, rest = current.strip().partition(" ")
            result.append((keyword.upper(), rest.strip()))
            current = ""
    return result


def clean_copy(target):
    files = subprocess.run(["git", "-C", ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           check=True, capture_output=True).stdout.decode().split("\0")
    copied = 0
    for name in files:
        source = os.path.join(ROOT, name)
        if not name or not os.path.isfile(source):
            continue  # deleted in the working tree
        os.makedirs(os.path.dirname(os.path.join(target, name)), exist_ok=True)
        shutil.copy2(source, os.path.join(target, name))
        copied += 1
    return copied


def copy_into(sources, dest, context, stage_root, workdir):
    """COPY semantics enough for our Dockerfile: files and folders, into a folder (trailing / or several sources)."""
    dest_path = dest if dest.startswith("/") else os.path.join(workdir, dest)
    dest_abs = os.path.join(stage_root, dest_path.lstrip("/"))
    into_folder = dest.endswith("/") or len(sources) > 1 or dest in (".", "./")
    for source in sources:
        source_abs = os.path.join(context, source.lstrip("/"))
        if not os.path.exists(source_abs):
            return source
        if os.path.isdir(source_abs):
            shutil.copytree(source_abs, dest_abs, dirs_exist_ok=True)
        else:
            target = os.path.join(dest_abs, os.path.basename(source_abs)) if into_folder else dest_abs
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(source_abs, target)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--run", choices=["none", "cheap", "all"], default="cheap")
    parser.add_argument("--offline", action="store_true", help="run Maven with -o")
    parser.add_argument("--no-web", action="store_true", help="skip the web stage's commands")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    parser.add_argument("--dockerfile", default=os.path.join(ROOT, "docker", "Dockerfile"))
    args = parser.parse_args()

    steps = instructions(args.dockerfile)
    temp = tempfile.mkdtemp(prefix="showfloor-docker-check-")
    context = os.path.join(temp, "context")
    print("copy: %d files of a clean checkout in %s" % (clean_copy(context), context), flush=True)
    for ignored in ("data", "target", "webroot", "web/node_modules"):
        if os.path.exists(os.path.join(context, ignored)):
            fail("the clean copy holds %s (.gitignore should keep it out)" % ignored)

    # the runtime stage's commands (useradd, chown /app ...) are for the image's root filesystem: never run here
    runtime_stage = stage_names(steps)[-1]
    stages, stage, stage_root, workdir, user = {}, None, None, "/", None
    ran, incomplete = [], set()
    stopped = False
    for keyword, rest in steps:
        if keyword == "FROM":
            words = rest.split()
            image = words[0]
            name = stage_names(steps)[len(stages)]
            tag = image.rsplit("/", 1)[-1]
            if ":" not in tag or tag.endswith(":latest"):
                fail("FROM %s has no explicit tag" % image)
            stage = name
            stage_root = os.path.join(temp, "stage-" + name)
            os.makedirs(stage_root, exist_ok=True)
            stages[name] = stage_root
            workdir, user = "/", None
        elif keyword == "WORKDIR":
            workdir = rest if rest.startswith("/") else os.path.join(workdir, rest)
            os.makedirs(os.path.join(stage_root, workdir.lstrip("/")), exist_ok=True)
        elif keyword == "USER":
            user = rest
        elif keyword in ("COPY", "ADD"):
            words = shlex.split(rest)
            origin = context
            source_stage = None
            flags = [w for w in words if w.startswith("--")]
            words = [w for w in words if not w.startswith("--")]
            for flag in flags:
                if flag.startswith("--from="):
                    source_stage = flag[len("--from="):]
                    origin = stages.get(source_stage)
                    if origin is None:
                        fail("%s %s: no earlier stage %s" % (keyword, rest, flag))
            if origin is None:
                continue
            if source_stage in incomplete:
                print("skip [%s] %s %s (stage %s's commands did not all run)" % (stage, keyword, rest, source_stage))
                incomplete.add(stage)
                continue
            missing = copy_into(words[:-1], words[-1], origin, stage_root, workdir)
            if missing is not None:
                where = "a clean checkout" if source_stage is None else "stage " + source_stage
                fail("%s %s: %s does not exist in %s" % (keyword, rest, missing, where))
        elif keyword == "RUN":
            command = rest
            cwd = os.path.join(stage_root, workdir.lstrip("/"))
            wanted = False
            if stage == runtime_stage:
                print("skip [%s] RUN %s (the runtime stage: only inside the image)" % (stage, command), flush=True)
                incomplete.add(stage)
                continue
            if args.run == "cheap":
                wanted = "dependency:go-offline" in command or (
                    stage == "web" and not args.no_web and shutil.which("npm") is not None)
            elif args.run == "all":
                wanted = not (stage == "web" and args.no_web)
            if not wanted:
                print("skip [%s] RUN %s" % (stage, command), flush=True)
                incomplete.add(stage)
                continue
            if re.search(r"(^|[\s=>])/[A-Za-z]", command):
                # such a path is the image's, not the temp folder's: running it here would touch this machine
                fail("[%s] RUN %s: uses an absolute path, which check.py will not run outside an image" % (stage, command))
                incomplete.add(stage)
                continue
            if command.startswith("mvn ") and args.offline:
                command = "mvn -o " + command[4:]
            if command.startswith("npm ") and shutil.which("npm") is None:
                fail("npm is not installed: cannot run [%s] RUN %s" % (stage, command))
                continue
            started = time.time()
            result = subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, text=True)
            seconds = time.time() - started
            if result.returncode != 0:
                tail = (result.stdout + result.stderr).strip().splitlines()[-15:]
                fail("[%s] RUN %s exited %d after %.1f s:\n  %s" % (stage, command, result.returncode, seconds,
                                                                 "\n  ".join(tail)))
                stopped = True
                break
            ran.append("[%s] %s (%.1f s)" % (stage, command, seconds))
            print("ran  [%s] RUN %s in %.1f s" % (stage, command, seconds), flush=True)
        elif keyword not in ("ENV", "EXPOSE", "ENTRYPOINT", "CMD", "HEALTHCHECK", "ARG", "LABEL"):
            fail("unexpected instruction %s (teach docker/check.py about it)" % keyword)

    if not stopped and user in (None, "root", "0"):
        fail("the runtime stage runs as root (add USER)")
    if args.run == "all" and not failures:
        jar = os.path.join(stages.get("build", temp), "src", "target", "showfloor.jar")
        if not os.path.isfile(jar):
            fail("the build stage made no target/showfloor.jar")
        else:
            print("jar: %s (%d bytes)" % (jar, os.path.getsize(jar)), flush=True)
    if not args.keep:
        shutil.rmtree(temp, ignore_errors=True)
    print("%s: %d RUN commands run, %d failures" % ("OK" if not failures else "FAILED", len(ran), len(failures)))
    return 1 if failures else 0


def stage_names(steps):
    """Each FROM's stage name: its AS name, or its index among the FROMs (as Docker numbers them)."""
    names = []
    for keyword, rest in steps:
        if keyword == "FROM":
            words = rest.split()
            names.append(words[2] if len(words) >= 3 and words[1].upper() == "AS" else str(len(names)))
    return names


if __name__ == "__main__":
    sys.exit(main())
