//! The audit classes: every Arabic number the decoder sees (and every Chinese numeral read
//! as a quantity) ends up in exactly one class, so nothing is silently lost.

/// Why a number was, or was not, published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NumberClass {
    /// Published as a target value (or the upper end of its range).
    Target,
    /// Published as the baseline of a target.
    Baseline,
    /// Published as an observation.
    Observation,
    /// A calendar year or a span of years.
    Year,
    /// Month or day of a date.
    Date,
    /// Part of a document number.
    DocNumber,
    /// A list marker or ordinal.
    Ordinal,
    /// Part of a name, model or code (H7, 3D, 《中国制造2025》).
    Code,
    /// A technical specification (时速400公里, 38纳米).
    Spec,
    /// Part of an indicator or noun phrase (销售收入百亿元以上的产业集群).
    Modifier,
    /// A quantity with a unit whose role the grammar could not settle.
    UnclassifiedQuantity,
    /// A number with no unit whose role the grammar could not settle.
    UnclassifiedBare,
}

impl NumberClass {
    pub fn as_str(self) -> &'static str {
        match self {
            NumberClass::Target => "target",
            NumberClass::Baseline => "baseline",
            NumberClass::Observation => "observation",
            NumberClass::Year => "year",
            NumberClass::Date => "date",
            NumberClass::DocNumber => "doc_number",
            NumberClass::Ordinal => "ordinal",
            NumberClass::Code => "code",
            NumberClass::Spec => "spec",
            NumberClass::Modifier => "modifier",
            NumberClass::UnclassifiedQuantity => "unclassified_quantity",
            NumberClass::UnclassifiedBare => "unclassified_bare",
        }
    }
}
