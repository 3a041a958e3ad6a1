//! Unit codes made readable: the standard unit `value_std` is expressed in (the `base` of
//! the unit's dimension in mappings/units.yaml) and an English name, looked up from a code
//! such as `e8_yuan` (prefix 亿 + 元). Built from the curated unit table by the publish
//! stage, so the site never shows a bare code where a unit can be named.

use extract::units::UnitTable;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
pub struct UnitNames {
    /// unit code → (standard unit, English name of the unit as coded).
    by_code: BTreeMap<String, (String, String)>,
}

impl UnitNames {
    pub fn new(table: &UnitTable) -> UnitNames {
        let mut by_code = BTreeMap::new();
        for u in &table.units {
            let name = u.name_en.clone().unwrap_or_else(|| u.id.clone());
            by_code.insert(u.id.clone(), (u.base.clone(), name.clone()));
            if u.prefixable {
                for p in &table.prefixes {
                    let code = format!("{}_{}", p.id, u.id);
                    by_code.insert(code, (u.base.clone(), format!("{} × {name}", p.surface)));
                }
            }
        }
        UnitNames { by_code }
    }

    /// The unit `value_std` is in for a row whose `unit` is `code`.
    pub fn standard(&self, code: &str) -> Option<&str> {
        self.by_code.get(code).map(|(base, _)| base.as_str())
    }

    /// An English name for the unit `code`, e.g. `亿 × yuan (CNY)` for `e8_yuan`.
    pub fn name_en(&self, code: &str) -> Option<&str> {
        self.by_code.get(code).map(|(_, name)| name.as_str())
    }
}
