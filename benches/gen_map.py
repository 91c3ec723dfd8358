#!/usr/bin/env python3
"""gen_map.py STAGES ITEMS_PER_LANE > map.ron — a valid, canonical-looking format-1
journey map with every lane filled, for timing the editor and the commands on
large maps. Text is varied (words drawn from a fixed vocabulary, seeded) so that
no layer can win by caching one string."""
import random, sys

stages, per = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(7)
W = ("customer checkout delivery support reminder account trial invoice refund "
     "onboarding email chat video review bundle payment mobile store form "
     "password coupon partner renewal survey").split()
def txt(n=8):
    return " ".join(rnd.choice(W) for _ in range(n)).capitalize()
def q(s): return '"' + s + '"'
o = ['JourneyMap(', '    format: 1,', f'    title: {q("Generated journey of %d stages" % stages)},',
     '    persona: Persona(', '        name: "Pat Example",', '        role: "Load test",', '    ),',
     '    stages: [']
lv = ["Low", "Medium", "High"]; st = ["Idea", "Planned", "InProgress", "Done"]
for i in range(stages):
    o += ['        Stage(', f'            id: "s{i}",', f'            name: {q("Stage %d %s" % (i, txt(2)))},',
          f'            goal: {q(txt(6))},']
    o.append('            actions: [' ); o += [f'                {q(txt())},' for _ in range(per)]; o.append('            ],')
    o.append('            thoughts: ['); o += [f'                {q(txt())},' for _ in range(per)]; o.append('            ],')
    o.append('            touchpoints: [')
    for _ in range(per):
        o += ['                Touchpoint(', f'                    name: {q(txt(4))},', f'                    channel: {q(rnd.choice(["Web","Email","Phone","Store"]))},', '                ),']
    o.append('            ],')
    o.append('            emotions: [')
    for _ in range(per):
        o += ['                Emotion(', f'                    score: {rnd.randint(1,5)},', f'                    label: {q(txt(2))},', '                ),']
    o.append('            ],')
    o.append('            pain_points: [')
    for _ in range(per):
        o += ['                PainPoint(', f'                    text: {q(txt())},', f'                    severity: {rnd.choice(lv)},', '                ),']
    o.append('            ],')
    o.append('            optimizations: [')
    for _ in range(per):
        o += ['                Optimization(', f'                    text: {q(txt())},', f'                    owner: {q(rnd.choice(["CX","Ops","Web"]))},',
              f'                    priority: {rnd.choice(lv)},', f'                    status: {rnd.choice(st)},', '                ),']
    o.append('            ],')
    o.append('            metrics: [')
    for _ in range(per):
        o += ['                Metric(', f'                    name: {q(txt(3))},', f'                    current: Some({rnd.randint(1,90)}),',
              f'                    target: Some({rnd.randint(1,90)}),', '                    unit: "%",', '                ),']
    o.append('            ],')
    o.append('        ),')
o += ['    ],', ')']
print("\n".join(o))
