//! The stage frameworks a workshop starts from. Each stage carries a one-line goal,
//! example KPIs and prompts for the other lanes (shown by `cjm templates` and as
//! placeholders in empty cells of the editor, the KPIs in the KPI lane, so that
//! they never end up as fake items in the map).

use std::borrow::Cow;

use super::{JourneyMap, Lane, LaneDef, LaneKind, Stage};

pub struct Template {
    pub name: &'static str,
    pub about: &'static str,
    pub stages: &'static [TemplateStage],
    /// Every lane in the grid's order when the framework has lanes of its
    /// own (a service blueprint): `(id, title, kind)`, a journey lane by its
    /// key with `""` to keep its title. Empty: the seven, as every map.
    pub lanes: &'static [(&'static str, &'static str, LaneKind)],
}

pub struct TemplateStage {
    pub name: &'static str,
    pub goal: &'static str,
    pub kpis: &'static [&'static str],
    /// One question per lane, asked of the workshop.
    pub prompts: &'static [(Lane, &'static str)],
}

const AWARENESS: TemplateStage = TemplateStage {
    name: "Awareness",
    goal: "Be noticed when the need first appears",
    kpis: &["Impressions", "Clicks"],
    prompts: &[
        (
            Lane::Actions,
            "Where does the customer first meet the problem, and us?",
        ),
        (Lane::Thoughts, "What question is on their mind?"),
        (
            Lane::Touchpoints,
            "Ads, social posts, word of mouth, search?",
        ),
    ],
};

const RETENTION: TemplateStage = TemplateStage {
    name: "Retention",
    goal: "Keep delivering value so they stay",
    kpis: &["Customer satisfaction (CSAT)", "Customer lifetime value"],
    prompts: &[
        (
            Lane::Actions,
            "How do they use what they bought week after week?",
        ),
        (Lane::PainPoints, "What makes them think of leaving?"),
        (Lane::Touchpoints, "Support, newsletters, account pages?"),
    ],
};

const ADVOCACY: TemplateStage = TemplateStage {
    name: "Advocacy",
    goal: "Turn happy customers into promoters",
    kpis: &["Net Promoter Score", "Referrals"],
    prompts: &[
        (
            Lane::Actions,
            "Do they review, share or recommend us? Where?",
        ),
        (
            Lane::Thoughts,
            "What would make them proud to recommend us?",
        ),
        (
            Lane::Optimizations,
            "Referral programme, review requests, community?",
        ),
    ],
};

/// The service blueprint's lanes, after Shostack: the evidence the customer
/// sees above their actions, then the staff they see, the staff they do not
/// and the support processes, then the rest of the journey.
const BLUEPRINT_LANES: &[(&str, &str, LaneKind)] = &[
    (
        "physical-evidence",
        "Physical evidence",
        LaneKind::PhysicalEvidence,
    ),
    ("actions", "Customer actions", LaneKind::Journey),
    ("frontstage", "Frontstage", LaneKind::Frontstage),
    ("backstage", "Backstage", LaneKind::Backstage),
    ("support", "Support processes", LaneKind::Support),
    ("thoughts", "", LaneKind::Journey),
    ("touchpoints", "", LaneKind::Journey),
    ("emotions", "", LaneKind::Journey),
    ("pain_points", "", LaneKind::Journey),
    ("optimizations", "", LaneKind::Journey),
    ("metrics", "", LaneKind::Journey),
];
const BP_EVIDENCE: Lane = Lane::Extra("physical-evidence");
const BP_FRONT: Lane = Lane::Extra("frontstage");
const BP_BACK: Lane = Lane::Extra("backstage");
const BP_SUPPORT: Lane = Lane::Extra("support");

pub const TEMPLATES: &[Template] = &[
    Template {
        name: "five-stage",
        about: "The classic customer journey from first notice to recommending",
        lanes: &[],
        stages: &[
            AWARENESS,
            TemplateStage {
                name: "Consideration",
                goal: "Help them compare and trust us",
                kpis: &["Time on comparison pages", "Return visits"],
                prompts: &[
                    (Lane::Actions, "How do they research and compare options?"),
                    (Lane::Thoughts, "What doubts hold them back?"),
                    (
                        Lane::PainPoints,
                        "Where is information missing or confusing?",
                    ),
                ],
            },
            TemplateStage {
                name: "Decision",
                goal: "Make choosing and paying effortless",
                kpis: &["Conversion rate", "Cart abandonment"],
                prompts: &[
                    (Lane::Actions, "What are the steps from choice to payment?"),
                    (Lane::Emotions, "Confident or anxious at checkout?"),
                    (Lane::PainPoints, "What makes them drop out?"),
                ],
            },
            RETENTION,
            ADVOCACY,
        ],
    },
    Template {
        name: "six-stage",
        about: "A product or SaaS lifecycle, from acquisition to advocacy",
        lanes: &[],
        stages: &[
            AWARENESS,
            TemplateStage {
                name: "Acquisition",
                goal: "Turn interest into a sign-up",
                kpis: &["Sign-ups", "List growth"],
                prompts: &[
                    (
                        Lane::Actions,
                        "What makes them sign up or leave their address?",
                    ),
                    (Lane::Touchpoints, "Landing pages, trials, lead magnets?"),
                ],
            },
            TemplateStage {
                name: "Onboarding",
                goal: "Reach the first success quickly",
                kpis: &["Accounts created", "Time to first value"],
                prompts: &[
                    (
                        Lane::Actions,
                        "What is their first success with the product?",
                    ),
                    (Lane::PainPoints, "Where do new users get stuck?"),
                ],
            },
            TemplateStage {
                name: "Engagement",
                goal: "Become part of their routine",
                kpis: &["Time in product", "Weekly active users"],
                prompts: &[
                    (Lane::Actions, "What do they come back for?"),
                    (Lane::Thoughts, "Is it worth the time and money?"),
                ],
            },
            RETENTION,
            ADVOCACY,
        ],
    },
    Template {
        name: "value-journey",
        about: "The eight-step customer value journey for subscriptions and content",
        lanes: &[],
        stages: &[
            TemplateStage {
                name: "Aware",
                goal: "Be discovered by the right people",
                kpis: &["Impressions", "Clicks"],
                prompts: &[(Lane::Touchpoints, "Where do they first come across us?")],
            },
            TemplateStage {
                name: "Engage",
                goal: "Earn attention with something useful",
                kpis: &["Engaged sessions", "Shares"],
                prompts: &[(Lane::Actions, "What do they read, watch or try?")],
            },
            TemplateStage {
                name: "Subscribe",
                goal: "Get permission to stay in touch",
                kpis: &["List growth", "Opt-in rate"],
                prompts: &[(Lane::Thoughts, "Why would they give us their address?")],
            },
            TemplateStage {
                name: "Convert",
                goal: "Make a first small commitment",
                kpis: &["Trial starts", "Conversion rate"],
                prompts: &[(Lane::PainPoints, "What stops a first purchase?")],
            },
            TemplateStage {
                name: "Excite",
                goal: "Deliver a quick win",
                kpis: &["Activation rate", "Time to first value"],
                prompts: &[(Lane::Emotions, "When do they feel it was worth it?")],
            },
            TemplateStage {
                name: "Ascend",
                goal: "Offer the next step up",
                kpis: &["Upgrade rate", "Average order value"],
                prompts: &[(Lane::Actions, "What do they buy next?")],
            },
            TemplateStage {
                name: "Advocate",
                goal: "Make them glad to say good things",
                kpis: &["Reviews", "Net Promoter Score"],
                prompts: &[(Lane::Actions, "Where would they speak up for us?")],
            },
            TemplateStage {
                name: "Promote",
                goal: "Reward them for spreading the word",
                kpis: &["Referrals", "Affiliate revenue"],
                prompts: &[(
                    Lane::Optimizations,
                    "What would make promoting us worth it?",
                )],
            },
        ],
    },
    Template {
        name: "four-phase",
        about: "A short purchase journey for retail and e-commerce",
        lanes: &[],
        stages: &[
            TemplateStage {
                name: "Discover",
                goal: "Show up where the need starts",
                kpis: &["Impressions", "Clicks"],
                prompts: &[(Lane::Actions, "What triggers the search?")],
            },
            TemplateStage {
                name: "Consider",
                goal: "Make the comparison easy",
                kpis: &["Product page views", "Add-to-cart rate"],
                prompts: &[(Lane::Thoughts, "What do they weigh up?")],
            },
            TemplateStage {
                name: "Buy",
                goal: "Remove every obstacle to paying",
                kpis: &["Conversion rate", "Cart abandonment"],
                prompts: &[(Lane::PainPoints, "What goes wrong at checkout?")],
            },
            TemplateStage {
                name: "Evaluate and recommend",
                goal: "Deliver on the promise and earn the referral",
                kpis: &["Customer satisfaction (CSAT)", "Net Promoter Score"],
                prompts: &[(Lane::Emotions, "How do they feel once they use it?")],
            },
        ],
    },
    Template {
        name: "service-blueprint",
        about: "A service blueprint: what the customer does, and the staff, systems and evidence behind it",
        lanes: BLUEPRINT_LANES,
        stages: &[
            TemplateStage {
                name: "Find and book",
                goal: "Book with confidence in what was promised",
                kpis: &["Booking conversion", "Direct booking share"],
                prompts: &[
                    (
                        Lane::Actions,
                        "How does the customer find and book the service?",
                    ),
                    (
                        BP_EVIDENCE,
                        "What do they see: website, confirmation email, price?",
                    ),
                    (BP_FRONT, "Who answers their questions, and how?"),
                    (BP_BACK, "What does staff prepare once the booking is in?"),
                    (BP_SUPPORT, "Which systems take and pass on the booking?"),
                ],
            },
            TemplateStage {
                name: "Arrive",
                goal: "Be welcomed and ready to start without waiting",
                kpis: &["Wait time", "Ready on time"],
                prompts: &[
                    (Lane::Actions, "What does the customer do on arrival?"),
                    (BP_EVIDENCE, "What place, signs and papers greet them?"),
                    (BP_FRONT, "Who greets them and what do they do?"),
                    (BP_BACK, "What must be ready behind the scenes first?"),
                    (BP_SUPPORT, "Which systems say what is ready, and to whom?"),
                ],
            },
            TemplateStage {
                name: "Use the service",
                goal: "Get what they came for, as promised",
                kpis: &["Customer satisfaction (CSAT)", "Complaints"],
                prompts: &[
                    (
                        Lane::Actions,
                        "What does the customer do during the service?",
                    ),
                    (BP_EVIDENCE, "What do they touch and use?"),
                    (BP_FRONT, "Where does staff help them in person?"),
                    (BP_BACK, "What keeps the service running out of sight?"),
                    (BP_SUPPORT, "Which suppliers and tools does staff rely on?"),
                ],
            },
            TemplateStage {
                name: "Pay and leave",
                goal: "Leave without surprises",
                kpis: &["Billing disputes", "Checkout time"],
                prompts: &[
                    (Lane::Actions, "How does the customer pay and leave?"),
                    (BP_EVIDENCE, "The bill, the receipt: what do they read?"),
                    (BP_FRONT, "Who explains the bill and says goodbye?"),
                    (BP_BACK, "What is settled and cleaned up afterwards?"),
                    (BP_SUPPORT, "Which systems bill and keep the record?"),
                ],
            },
            TemplateStage {
                name: "Follow up",
                goal: "Come back, and tell others",
                kpis: &["Review score", "Repeat customers"],
                prompts: &[
                    (Lane::Actions, "Do they review, return or recommend?"),
                    (BP_EVIDENCE, "Which email, survey or offer reaches them?"),
                    (BP_FRONT, "Who answers a review or a complaint?"),
                    (BP_BACK, "Who reads the feedback and acts on it?"),
                    (BP_SUPPORT, "Which tools send surveys and collect reviews?"),
                ],
            },
        ],
    },
    Template {
        name: "blank",
        about: "One empty stage to build any framework from",
        lanes: &[],
        stages: &[TemplateStage {
            name: "Stage 1",
            goal: "",
            kpis: &[],
            prompts: &[],
        }],
    },
];

pub fn find(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
}

pub fn names() -> Vec<&'static str> {
    TEMPLATES.iter().map(|t| t.name).collect()
}

impl Template {
    /// A new map on this framework: its stages with their goals, and nothing
    /// else. The example KPIs and the questions for the other lanes are
    /// prompts, shown dimmed in the empty cells, never items a workshop has
    /// to delete one by one.
    pub fn instantiate(&self, title: &str, persona: &str) -> JourneyMap {
        let mut map = JourneyMap::new(title, persona);
        map.framework = self.name.to_string();
        map.stages = self
            .stages
            .iter()
            .map(|t| Stage {
                goal: t.goal.to_string(),
                ..Stage::named(t.name)
            })
            .collect();
        map.lanes = self
            .lanes
            .iter()
            .map(|(id, title, kind)| LaneDef {
                id: id.to_string(),
                title: title.to_string(),
                kind: *kind,
                holds: kind.default_holds(),
            })
            .collect();
        map
    }

    /// A lane's heading in this framework (for `cjm templates`), the
    /// journey lane's own when the framework keeps it.
    pub fn lane_title(&self, lane: Lane) -> &'static str {
        match self.lanes.iter().find(|(id, _, _)| *id == lane.key()) {
            Some((_, title, _)) if !title.is_empty() => title,
            _ => lane.title(),
        }
    }
}

/// Whether `framework` is the name of one of these templates: then cjm wrote
/// it, recording what the map started from (the editor's prompts come from
/// it); any other framework a person wrote into the map.
pub fn is_template(framework: &str) -> bool {
    find(framework).is_some()
}

/// A title for a new map from its file name: `first-espresso` → "First espresso".
pub fn title_from_stem(stem: &str) -> String {
    let stem = stem.replace(['-', '_'], " ");
    match super::wording::capitalise(stem.trim()) {
        t if t.is_empty() => "Untitled journey".into(),
        t => t,
    }
}

/// The template stage behind stage `index` of a map made from a known
/// framework. It is found by the stage's id, which a rename of a saved map
/// keeps; a stage renamed before the map's first save has its new name's id,
/// so a stage whose id no template stage has takes the template stage at its
/// own place, as long as that one is not elsewhere in the map.
fn template_stage(map: &JourneyMap, index: usize) -> Option<&'static TemplateStage> {
    let t = find(&map.framework)?;
    let stage = map.stages.get(index)?;
    let id_of = |ts: &TemplateStage| super::slugify(ts.name);
    if let Some(ts) = t.stages.iter().find(|ts| id_of(ts) == stage.id) {
        return Some(ts);
    }
    let ts = t.stages.get(index)?;
    let id = id_of(ts);
    (!map.stages.iter().any(|s| s.id == id)).then_some(ts)
}

/// The workshop prompt for an empty cell of stage `stage` in a map made from a
/// known framework: the template's question for the lane, or for the KPI lane
/// its example KPIs. The prompt belongs to the stage, not to its name.
pub fn stage_prompt(map: &JourneyMap, stage: usize, lane: Lane) -> Option<Cow<'static, str>> {
    let ts = template_stage(map, stage)?;
    if let Some((_, p)) = ts.prompts.iter().find(|(l, _)| *l == lane) {
        return Some(Cow::Borrowed(p));
    }
    (lane == Lane::Metrics && !ts.kpis.is_empty())
        .then(|| Cow::Owned(format!("e.g. {}", ts.kpis.join(", "))))
}

/// The workshop prompt for a template stage by its name.
#[cfg(test)]
fn prompt(framework: &str, stage_name: &str, lane: Lane) -> Option<&'static str> {
    let stage = find(framework)?
        .stages
        .iter()
        .find(|s| s.name == stage_name)?;
    stage
        .prompts
        .iter()
        .find(|(l, _)| *l == lane)
        .map(|(_, p)| *p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_makes_stages_with_unique_ids() {
        for t in TEMPLATES {
            let m = t.instantiate("T", "P");
            assert_eq!(m.stages.len(), t.stages.len());
            let mut ids: Vec<_> = m.stages.iter().map(|s| s.id.clone()).collect();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), t.stages.len(), "{}", t.name);
        }
        assert_eq!(
            prompt("five-stage", "Decision", Lane::PainPoints),
            Some("What makes them drop out?")
        );
        let mut m = find("five-stage").unwrap().instantiate("T", "P");
        let i = m.stages.iter().position(|s| s.name == "Decision").unwrap();
        m.stages[i].name = "Choosing a clinic".into();
        assert_eq!(
            stage_prompt(&m, i, Lane::PainPoints).as_deref(),
            Some("What makes them drop out?"),
            "the prompt follows its stage through a rename"
        );
    }

    #[test]
    fn a_new_map_holds_no_example_items_and_its_kpis_are_prompts() {
        for t in TEMPLATES {
            let m = t.instantiate("T", "P");
            assert_eq!(m.item_count(), 0, "{}", t.name);
            for (i, ts) in t.stages.iter().enumerate() {
                if let Some(first) = ts.kpis.first() {
                    let p = stage_prompt(&m, i, Lane::Metrics).unwrap();
                    assert!(p.starts_with("e.g. ") && p.contains(first), "{p}");
                }
            }
        }
    }

    #[test]
    fn a_stage_whose_id_followed_its_new_name_keeps_its_prompt() {
        let mut m = find("six-stage").unwrap().instantiate("T", "P");
        m.stages[0].name = "Search & book".into();
        m.stages[0].id = "search-book".into();
        assert_eq!(
            stage_prompt(&m, 0, Lane::Thoughts).as_deref(),
            Some("What question is on their mind?")
        );
        // A stage of the user's own, where the template's stage still is
        // elsewhere, takes no prompt of another stage.
        m.stages.insert(1, Stage::named("Waiting"));
        assert_eq!(stage_prompt(&m, 1, Lane::Actions), None);
        assert!(is_template("six-stage") && !is_template("Service blueprint"));
    }
}
