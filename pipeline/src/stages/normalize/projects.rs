//! The project part of normalize: decides which project phrases of one document name a
//! specific project (a sponsor, a place, a capacity or a proper name), merges the mentions
//! of one project, joins them to enterprises, regions and industries, and fills the years
//! (stated, else the plan's end year). Across documents, projects with the same
//! content-derived id are one row (`Corpus`).

use std::collections::{BTreeMap, BTreeSet};

use crate::curated::regions::RegionIndex;
use crate::curated::Mappings;
use crate::records::tables as rec;
use crate::store::candidates::{mentions_within, DocCandidates, MentionRec, ProjectRec};

/// One project entity as one document (or, merged, the corpus) describes it.
#[derive(Debug, Clone)]
pub struct Project {
    pub id: String,
    pub name: String,
    pub doc_ids: BTreeSet<String>,
    pub first: (String, usize, usize, String), // doc_id, char_start, char_end, quote
    pub enterprise_ids: BTreeSet<String>,
    pub industry_id: Option<String>,
    pub region_code: Option<String>,
    /// (product, value, unit_raw, value_std, unit_code, per_year, doc_id)
    pub capacities: Vec<(String, f64, String, Option<f64>, Option<String>, bool, String)>,
    pub investment: Option<f64>,
    pub start_year: Option<i32>,
    pub completion_year: Option<i32>,
    pub year_explicit: bool,
    pub status: String,
}

/// What one document contributes: its projects, its project_mentions rows and the
/// mentions (project id, span) for the mentions table.
pub struct DocProjects {
    pub projects: Vec<Project>,
    pub mention_rows: Vec<rec::ProjectMention>,
    pub mentions: Vec<(String, MentionRec)>,
}

/// The plan context a document gives its projects.
pub struct Plan<'a> {
    pub doc_id: &'a str,
    pub period_end: Option<i32>,
    pub scope_region: Option<String>,
}

fn folded(s: &str) -> String {
    s.chars().map(extract::text::fold_char).filter(|c| !matches!(c, ' ' | '“' | '”' | '"' | '\'')).collect()
}

/// Merge key of a name: folded, without region names, 级, 建设, and 园区 read as 园.
fn key_of(name: &str, regions: &RegionIndex) -> String {
    let mut k = folded(name).replace('级', "").replace("建设", "").replace("园区", "园");
    while let Some((surface, _)) = regions.find(&k).map(|(s, c)| (s.to_string(), c)) {
        k = k.replacen(&surface, "", 1);
    }
    k
}

/// The first region named in `s` (of regions sharing a spelling, the one inside `within`),
/// leaving out the document's own region (全省, 我省).
fn region_in(regions: &RegionIndex, s: &str, within: Option<&str>) -> Option<String> {
    regions
        .all(s, within)
        .find(|(_, surface, _)| !matches!(*surface, "全省" | "我省" | "全市" | "全国"))
        .map(|(_, _, code)| code.to_string())
}

fn enterprise_id(e: &MentionRec) -> String {
    e.entity_id.as_deref().map_or_else(|| super::discovered_id(&e.surface), str::to_string)
}

/// Is the phrase specific: a sponsor, place, capacity or proper name written with it?
fn is_specific(p: &ProjectRec, d: &DocCandidates, regions: &RegionIndex, sponsor: bool) -> bool {
    let in_name = !mentions_within(&d.enterprises, p.start, p.end).is_empty();
    let place = region_in(regions, &p.name, None).is_some();
    let proper = !p.name.ends_with("工程")
        && p.name.chars().any(|c| c.is_ascii_alphanumeric() || ('０'..='９').contains(&c) || ('Ａ'..='ｚ').contains(&c) || c == '“');
    in_name || place || !p.capacities.is_empty() || proper || (sponsor && !p.list_item)
}

/// The enterprises behind a phrase: named in it, else before it in its clause, else (when
/// the clause builds it) earlier in its sentence.
fn sponsors<'a>(p: &ProjectRec, d: &'a DocCandidates) -> Vec<&'a MentionRec> {
    let inside: Vec<_> = mentions_within(&d.enterprises, p.start, p.end).iter().filter(|e| e.end <= p.end).collect();
    if !inside.is_empty() || p.list_item {
        return inside;
    }
    let clause: Vec<_> = mentions_within(&d.enterprises, p.clause_start, p.start).iter().filter(|e| e.end <= p.start).collect();
    if !clause.is_empty() {
        return clause;
    }
    if p.builds {
        return mentions_within(&d.enterprises, p.sentence_start, p.start).iter().rev().take(1).collect();
    }
    Vec::new()
}

fn unit_of(m: &Mappings, raw: &str) -> Option<(String, f64)> {
    let raw = raw.trim_end_matches("/年");
    if let Some(u) = m.units.units.iter().find(|u| u.surfaces.iter().any(|s| s == raw)) {
        return Some((u.id.clone(), u.factor));
    }
    m.units.prefixes.iter().find_map(|p| {
        let rest = raw.strip_prefix(p.surface.as_str())?;
        let u = m.units.units.iter().find(|u| u.prefixable && u.surfaces.iter().any(|s| s == rest))?;
        Some((format!("{}_{}", p.id, u.id), p.factor * u.factor))
    })
}

/// The phrases of one project, under the shortest merge key among them.
struct Group<'d> {
    key: String,
    /// Chars of `key`.
    chars: usize,
    members: Vec<&'d ProjectRec>,
    /// Some member is specific (see [`is_specific`]).
    specific: bool,
}

/// Group the phrases of one project: equal merge keys, one key (of five chars or more)
/// inside the other, or the same capacity of the same product (the same plant:
/// 2×30万吨/年甲醇制烯烃项目, 康乃尔化工2×30万吨/年甲醇制烯烃(MTO)项目). A phrase joins the
/// first group it fits.
fn group_phrases<'d>(d: &'d DocCandidates, regions: &RegionIndex) -> Vec<Group<'d>> {
    let mut groups: Vec<Group> = Vec::new();
    for p in &d.projects {
        let key = key_of(&p.name, regions);
        let chars = key.chars().count();
        let specific = is_specific(p, d, regions, !sponsors(p, d).is_empty());
        // `a` (of `a_chars` chars) inside `b`.
        let inside = |a: &str, a_chars: usize, b: &str| a_chars >= 5 && a.len() <= b.len() && b.contains(a);
        let with_product = p.capacities.iter().any(|c| !c.product.is_empty());
        let same_plant = |q: &ProjectRec| {
            p.capacities.iter().any(|c| {
                !c.product.is_empty()
                    && q.capacities.iter().any(|d| d.product == c.product && d.value == c.value && d.unit_raw == c.unit_raw)
            })
        };
        match groups.iter_mut().find(|g| {
            g.key == key
                || inside(&g.key, g.chars, &key)
                || inside(&key, chars, &g.key)
                || (with_product && g.members.iter().any(|q| same_plant(q)))
        }) {
            Some(g) => {
                g.members.push(p);
                g.specific |= specific;
                if chars < g.chars {
                    (g.key, g.chars) = (key, chars);
                }
            }
            None => groups.push(Group { key, chars, members: vec![p], specific }),
        }
    }
    groups
}

/// Normalize the project phrases of one document.
pub fn normalize(d: &DocCandidates, plan: &Plan, m: &Mappings, regions: &RegionIndex) -> DocProjects {
    let groups = group_phrases(d, regions);
    let offsets = extract::text::char_byte_offsets(&d.text);
    let slice = |a: usize, b: usize| extract::text::slice_by_chars(&d.text, &offsets, a, b);
    let mut out = DocProjects { projects: Vec::new(), mention_rows: Vec::new(), mentions: Vec::new() };
    for Group { key, members, specific, .. } in groups {
        if !specific {
            continue;
        }
        let first = members[0];
        let named = members.iter().find(|p| is_specific(p, d, regions, !sponsors(p, d).is_empty())).unwrap_or(&first);
        let ents: BTreeSet<String> = members.iter().flat_map(|p| sponsors(p, d)).map(enterprise_id).collect();
        let clause_region = |p: &ProjectRec| {
            let clause = slice(p.clause_start, p.start);
            let within = plan.scope_region.as_deref();
            region_in(regions, &p.name, within).or_else(|| region_in(regions, clause, within))
        };
        let seat = ents.iter().find_map(|id| m.enterprises.iter().find(|e| &e.id == id)).and_then(|e| e.region.clone());
        let region = members.iter().find_map(|p| clause_region(p)).or(seat).or(plan.scope_region.clone());
        let id = format!("p{}", crate::store::sha256_hex_prefix(&[&key, region.as_deref().unwrap_or("")], "|", 12));
        let industry = members.iter().find_map(|p| {
            let within = mentions_within(&d.industries, p.start, p.end).first();
            within.or_else(|| mentions_within(&d.industries, p.sentence_start, p.end).last())
        });
        let stated_year = members.iter().find_map(|p| p.year);
        let status = members.iter().find_map(|p| p.status.clone()).unwrap_or_else(|| "unknown".into());
        let mut capacities = Vec::new();
        for c in members.iter().flat_map(|p| &p.capacities) {
            let (code, factor) = match (&c.unit_id, c.factor) {
                (Some(u), Some(f)) => (Some(u.to_string()), Some(f)),
                _ => unit_of(m, &c.unit_raw).map_or((None, None), |(u, f)| (Some(u), Some(f))),
            };
            let row = (c.product.clone(), c.value, c.unit_raw.clone(), factor.map(|f| c.value * f), code, c.per_year, plan.doc_id.to_string());
            if !capacities.contains(&row) {
                capacities.push(row);
            }
        }
        out.projects.push(Project {
            id: id.clone(),
            name: named.name.clone(),
            doc_ids: BTreeSet::from([plan.doc_id.to_string()]),
            first: (plan.doc_id.to_string(), first.start, first.end, first.name.clone()),
            enterprise_ids: ents,
            industry_id: industry.and_then(|i| i.entity_id.as_deref().map(str::to_string)),
            region_code: region,
            capacities,
            investment: members.iter().find_map(|p| p.investment_100m_yuan),
            start_year: members.iter().find_map(|p| p.start_year),
            completion_year: stated_year.or(if status == "completed" { None } else { plan.period_end }),
            year_explicit: stated_year.is_some(),
            status,
        });
        for p in &members {
            let quote = slice(p.start, p.end).to_string();
            out.mention_rows.push(rec::ProjectMention {
                project_id: id.clone(),
                doc_id: plan.doc_id.to_string(),
                section: super::non_empty(&p.section),
                quote: quote.clone(),
                char_start: p.start,
                char_end: p.end,
            });
            let mr = MentionRec { start: p.start, end: p.end, surface: quote, section: p.section.clone(), entity_id: None };
            out.mentions.push((id.clone(), mr));
        }
    }
    out
}

/// Projects across documents, by id (documents arrive in doc_id order).
#[derive(Default)]
pub struct Corpus {
    projects: BTreeMap<String, Project>,
}

impl Corpus {
    pub fn add(&mut self, projects: Vec<Project>) {
        for p in projects {
            match self.projects.get_mut(&p.id) {
                None => {
                    self.projects.insert(p.id.clone(), p);
                }
                Some(q) => {
                    q.doc_ids.extend(p.doc_ids);
                    q.enterprise_ids.extend(p.enterprise_ids);
                    for c in p.capacities {
                        if !q.capacities.contains(&c) {
                            q.capacities.push(c);
                        }
                    }
                    q.industry_id = q.industry_id.take().or(p.industry_id);
                    q.investment = q.investment.or(p.investment);
                    q.start_year = q.start_year.or(p.start_year);
                    if !q.year_explicit && p.year_explicit {
                        (q.completion_year, q.year_explicit) = (p.completion_year, true);
                    }
                    if q.status == "unknown" {
                        q.status = p.status;
                    }
                }
            }
        }
    }

    /// Rows of the projects and project_capacities tables.
    pub fn rows(&self) -> (Vec<rec::Project>, Vec<rec::ProjectCapacity>) {
        let (mut projects, mut capacities) = (Vec::new(), Vec::new());
        for p in self.projects.values() {
            let first_cap = p.capacities.first();
            projects.push(rec::Project {
                project_id: p.id.clone(),
                doc_id: p.first.0.clone(),
                name: p.name.clone(),
                doc_ids: p.doc_ids.iter().cloned().collect(),
                enterprise_id: p.enterprise_ids.iter().next().cloned(),
                enterprise_ids: p.enterprise_ids.iter().cloned().collect(),
                industry_id: p.industry_id.clone(),
                region_code: p.region_code.clone(),
                capacity_value: first_cap.map(|c| c.1),
                capacity_unit_raw: first_cap.map(|c| c.2.clone()),
                capacity_std: first_cap.and_then(|c| c.3),
                capacity_unit: first_cap.and_then(|c| c.4.clone()),
                investment_100m_yuan: p.investment,
                start_year: p.start_year,
                completion_year: p.completion_year,
                target_year: p.completion_year,
                year_explicit: p.year_explicit,
                status: p.status.clone(),
                quote: p.first.3.clone(),
                char_start: p.first.1,
                char_end: p.first.2,
            });
            for (product, value, unit_raw, std, code, per_year, doc_id) in &p.capacities {
                capacities.push(rec::ProjectCapacity {
                    project_id: p.id.clone(),
                    doc_id: doc_id.clone(),
                    product: super::non_empty(product),
                    value: *value,
                    unit_raw: unit_raw.clone(),
                    value_std: *std,
                    unit_code: code.clone(),
                    per_year: *per_year,
                });
            }
        }
        (projects, capacities)
    }
}
