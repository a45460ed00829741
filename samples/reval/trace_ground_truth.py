# Prepares the ground truth of samples/reval/*.jsonl OUTSIDE the Assay pipeline (which never executes code):
# runs each program on its input under sys.settrace and records coverage, variable values after a line, the next
# line and the return value. Usage: python3 trace_ground_truth.py  (rewrites both files next to it).
import json
import sys

PROGRAMS = {
    "sum_even": "def sum_even(xs):\n    total = 0\n    for x in xs:\n        if x % 2 == 0:\n            total += x\n    return total",
    "classify": "def classify(n):\n    if n < 0:\n        label = 'negative'\n    elif n == 0:\n        label = 'zero'\n    else:\n        label = 'positive'\n    return label",
    "count_vowels": "def count_vowels(s):\n    count = 0\n    for ch in s.lower():\n        if ch in 'aeiou':\n            count = count + 1\n    return count",
}
INPUTS = {"sum_even": ["([1, 2, 3, 4],)", "([1, 3],)"], "classify": ["(0,)", "(-5,)"], "count_vowels": ["('Banana',)", "('xyz',)"]}
ITEMS = [("sum_even", 0, 5, "total"), ("sum_even", 1, 5, "total"), ("classify", 0, 5, "label"), ("count_vowels", 0, 5, "count")]


def trace(name, arg):
    namespace = {}
    exec(PROGRAMS[name], namespace)
    events = []

    def tracer(frame, event, _):
        if frame.f_code.co_name == name:
            events.append((event, frame.f_lineno, dict(frame.f_locals)))
        return tracer

    sys.settrace(tracer)
    output = namespace[name](*eval(arg))
    sys.settrace(None)
    return output, events


def item(name, input_idx, line, var):
    arg = INPUTS[name][input_idx]
    output, events = trace(name, arg)
    covered = any(e[0] == "line" and e[1] == line for e in events)
    questions = [{"kind": "covered-line", "line": line, "answer": covered}]
    if covered:
        values, successors = [], []
        for k, e in enumerate(events):
            if e[0] == "line" and e[1] == line:
                after = events[k + 1]
                values.append(repr(after[2][var]))
                successors.append(after[1] if after[0] == "line" else -1)
        questions.append({"kind": "variable-value", "line": line, "var": var, "answer": sorted(set(values), key=values.index)})
        questions.append({"kind": "next-line", "line": line, "answer": sorted(set(successors))})
    questions.append({"kind": "output", "answer": repr(output)})
    return {"id": f"{name}/{input_idx}/L{line}", "program": PROGRAMS[name], "entry_point": name, "input": arg, "questions": questions}


with open("dreval_data.jsonl", "w") as f:
    for name in PROGRAMS:
        outputs = [repr(trace(name, i)[0]) for i in INPUTS[name]]
        f.write(json.dumps({"task_id": f"assay-fixture/{name}", "code": PROGRAMS[name], "entry_point": name, "inputs": INPUTS[name], "outputs": outputs}) + "\n")
with open("dreval_questions.jsonl", "w") as f:
    for spec in ITEMS:
        f.write(json.dumps(item(*spec)) + "\n")
