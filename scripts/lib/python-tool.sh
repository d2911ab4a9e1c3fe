# shellcheck shell=bash
# A Python command-line tool from PyPI at a pinned version, in a virtual environment cached per
# machine outside the work tree (/var/tmp/todo-tools/<name>-<version>, TODO_TOOLS moves it), made
# once and reused by every clone; a half-made one is never used (it is finished only once its stamp
# file exists: a venv cannot be built elsewhere and renamed, its scripts name their own folder).
#   . scripts/lib/python-tool.sh
#   python_tool NAME VERSION     prints the venv's bin folder, installing NAME==VERSION first if needed
python_tool() {
  local name=$1 version=$2 root=${TODO_TOOLS:-/var/tmp/todo-tools}
  local dir=$root/$name-$version
  if [ ! -f "$dir/.complete" ]; then
    mkdir -p "$root"
    (
      flock 9 # two runs at once: the second waits for the first's venv
      if [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir"
        python3 -m venv "$dir" >&2
        "$dir/bin/pip" install --quiet "$name==$version" >&2
        touch "$dir/.complete"
      fi
    ) 9>"$root/.$name.lock"
  fi
  echo "$dir/bin"
}
