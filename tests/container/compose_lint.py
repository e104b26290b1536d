#!/usr/bin/env python3
"""Checks docker-compose.yml beyond `docker-compose config -q` (ctest label "lint").

  compose_lint.py REPO_ROOT

- `docker-compose config` accepts the file, with .env.example as the environment;
- every build context, Dockerfile and bind-mounted file or folder it names exists;
- every `depends_on: {X: {condition: service_healthy}}` names a service X that has a
  healthcheck (in the compose file or as HEALTHCHECK in the Dockerfile it builds from);
- every `service_completed_successfully` dependency is a one-shot job (restart "no").
docker-compose catches none of the last three (../shared/PLATFORM.md).
"""
import os
import re
import subprocess
import sys

import yaml


def fail(problems):
    for problem in problems:
        print(f"compose_lint: {problem}", file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    root = os.path.abspath(sys.argv[1])
    compose_file = os.path.join(root, "docker-compose.yml")
    command = ["docker-compose", "--project-directory", root, "--env-file",
               os.path.join(root, ".env.example"), "-f", compose_file]
    checked = subprocess.run(command + ["config", "-q"], capture_output=True, text=True)
    if checked.returncode != 0:
        fail([f"docker-compose config -q failed:\n{checked.stderr}"])
    # The resolved file: anchors merged, variables substituted, paths absolute.
    resolved = subprocess.run(command + ["config"], capture_output=True, text=True, check=True)
    config = yaml.safe_load(resolved.stdout)
    services = config.get("services", {})
    problems = []

    def dockerfile_of(service):
        build = service.get("build")
        if not build:
            return None
        if isinstance(build, str):
            build = {"context": build}
        context = os.path.join(root, build.get("context", "."))
        return os.path.join(context, build.get("dockerfile", "Dockerfile"))

    for name, service in services.items():
        build = service.get("build")
        if build:
            context = os.path.join(root, build if isinstance(build, str) else build["context"])
            if not os.path.isdir(context):
                problems.append(f"{name}: build context {context} does not exist")
            if not os.path.isfile(dockerfile_of(service)):
                problems.append(f"{name}: Dockerfile {dockerfile_of(service)} does not exist")
        for volume in service.get("volumes", []):
            if isinstance(volume, dict):
                source = volume.get("source", "") if volume.get("type") == "bind" else ""
            else:
                source = volume.split(":")[0]
            # Named volumes have no slash; bind mounts are paths (absolute after config).
            if "/" in source and not os.path.exists(os.path.join(root, source)):
                problems.append(f"{name}: bind-mounted {source} does not exist")

        depends = service.get("depends_on", {})
        if isinstance(depends, list):
            depends = {dep: {"condition": "service_started"} for dep in depends}
        for dep, spec in depends.items():
            condition = (spec or {}).get("condition", "service_started")
            target = services.get(dep)
            if target is None:
                problems.append(f"{name}: depends on {dep}, which is not a service")
                continue
            if condition == "service_healthy":
                has_check = bool(target.get("healthcheck", {}).get("test"))
                if not has_check and target.get("healthcheck", {}).get("disable"):
                    has_check = False
                dockerfile = dockerfile_of(target)
                if not has_check and dockerfile and os.path.isfile(dockerfile):
                    with open(dockerfile, encoding="utf-8") as f:
                        has_check = re.search(r"^HEALTHCHECK\s+(?!NONE)", f.read(), re.M)
                if not has_check:
                    problems.append(f"{name}: waits for {dep} to be healthy, but {dep} "
                                    "has no healthcheck")
            elif condition == "service_completed_successfully":
                if str(target.get("restart", "no")) not in ("no", "False", "false"):
                    problems.append(f"{name}: waits for {dep} to complete, but {dep} "
                                    f"restarts ({target.get('restart')})")
    if problems:
        fail(problems)
    print(f"compose_lint: {len(services)} services, contexts, files and dependencies ok")


if __name__ == "__main__":
    main()
