#!/usr/bin/env python3
"""tools/capacity-summary.py RUN_DIR...: per run of tools/capacity-run.sh, the state per vertex of its last
checkpoint and its savepoint, savepoint-inspect's counts, and bytes per open session and per pending label."""
import json, sys, os, re

SHORT = [("Source: Clicks", "clicks source"), ("Source: Purchases", "purchases source"),
         ("Source: Model", "model-updates source"), ("Sessionize", "sessionizer"),
         ("Dead letters", "dead-letters sink"), ("Join labels", "label joiner"),
         ("Train", "trainer"), ("Score", "scorer")]

def short(name):
    for p, s in SHORT:
        if name.startswith(p):
            return s
    return name

for d in sys.argv[1:]:
    job = json.load(open(f"{d}/job.json"))
    names = {v["id"]: short(v["name"]) for v in job["vertices"]}
    cp = json.load(open(f"{d}/checkpoint-details.json"))
    sp = json.load(open(f"{d}/savepoint-details.json"))
    ins = json.load(open(f"{d}/inspect.json"))
    du = int(open(f"{d}/du.txt").read().split()[0])
    run = open(f"{d}/run.txt").read()
    gen = open(f"{d}/generate.txt").read().strip().splitlines()[-1]
    print(f"== {os.path.basename(d)}: {run.splitlines()[0]}")
    print("  ", gen)
    for line in run.splitlines()[1:]:
        print("  ", line)
    print(f"   inspect: openSessions={ins.get('openSessions')} users={ins.get('usersWithOpenSessions')} "
          f"windows={ins.get('sessionWindows')} pendingLabels={ins.get('pendingLabels')} "
          f"usersPending={ins.get('usersWithPendingLabels')} trainer={json.dumps(ins.get('trainer'))[:200]}")
    print(f"   checkpoint {cp['id']}: state_size={cp['state_size']} checkpointed_size={cp['checkpointed_size']} "
          f"e2e={cp['end_to_end_duration']} ms")
    print(f"   savepoint {sp['id']}: state_size={sp['state_size']} e2e={sp['end_to_end_duration']} ms du -sb={du}")
    print(f"   {'vertex':22} {'cp state_size':>14} {'cp checkpointed':>16} {'cp ms':>7} {'sp state_size':>14} {'sp ms':>7}")
    for vid, t in cp["tasks"].items():
        s = sp["tasks"].get(vid, {})
        print(f"   {names.get(vid, vid):22} {t['state_size']:>14} {t['checkpointed_size']:>16} {t['end_to_end_duration']:>7} "
              f"{s.get('state_size', 0):>14} {s.get('end_to_end_duration', 0):>7}")
    def size(which, n):
        return sum(t["state_size"] for vid, t in which["tasks"].items() if names.get(vid) == n)
    op = ins.get("openSessions") or 0
    pl = ins.get("pendingLabels") or 0
    for label, which in (("savepoint", sp), ("checkpoint", cp)):
        ses, sco, lab = size(which, "sessionizer"), size(which, "scorer"), size(which, "label joiner")
        print(f"   {label}: (sessionizer+scorer)/open session = {(ses + sco) / op if op else float('nan'):.0f} B "
              f"(sessionizer {ses / op if op else 0:.0f}, scorer {sco / op if op else 0:.0f}); "
              f"label joiner/pending label = {lab / pl if pl else float('nan'):.0f} B")
