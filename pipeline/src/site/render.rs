//! The template engine: every page, stylesheet and script of the site is a file under
//! `templates/` or `assets/`, compiled into the binary with `include_str!` (the binary stays
//! self-contained) and rendered with minijinja. Auto-escaping is on for every template, so
//! minijinja's HTML escaper is the crate's one escaper: Rust code hands over plain text and
//! numbers, never markup.

use minijinja::{AutoEscape, Environment};
use serde::Serialize;
use std::sync::OnceLock;

use crate::error::PipelineError;

/// (name, source) of every template.
const TEMPLATES: [(&str, &str); 11] = [
    ("base.html", include_str!("templates/base.html")),
    ("macros.html", include_str!("templates/macros.html")),
    ("index.html", include_str!("templates/index.html")),
    ("table.html", include_str!("templates/table.html")),
    ("targets.html", include_str!("templates/targets.html")),
    ("dictionary.html", include_str!("templates/dictionary.html")),
    ("findings.html", include_str!("templates/findings.html")),
    ("charts.html", include_str!("templates/charts.html")),
    ("report_head.html", include_str!("templates/report_head.html")),
    ("report_row.html", include_str!("templates/report_row.html")),
    ("report_tail.html", include_str!("templates/report_tail.html")),
];

/// (file name, contents) of the files copied beside the pages as they are.
pub const ASSETS: [(&str, &str); 2] =
    [("site.css", include_str!("assets/site.css")), ("site.js", include_str!("assets/site.js"))];

fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_keep_trailing_newline(true);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        for (name, source) in TEMPLATES {
            // The templates are part of the binary; the unit tests render every one.
            env.add_template(name, source).unwrap_or_else(|e| panic!("template {name}: {e:#}"));
        }
        env
    })
}

/// Render template `name` with `ctx`.
pub fn render<S: Serialize>(name: &str, ctx: S) -> Result<String, PipelineError> {
    let template = env().get_template(name).map_err(|e| PipelineError::Other(format!("template {name}: {e:#}")))?;
    template.render(ctx).map_err(|e| PipelineError::Other(format!("template {name}: {e:#}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_templates_parse() {
        assert_eq!(env().templates().count(), TEMPLATES.len());
        let html = render("report_row.html", minijinja::context! { f => minijinja::context! {
            finding_id => "f<1>", check => "a&b", severity => "error", message => "<script>alert('x')</script>", zh => false, rows => "r\"1", acknowledged => false
        }})
        .unwrap();
        assert!(html.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt;"), "{html}");
        assert!(html.contains("f&lt;1&gt;") && html.contains("a&amp;b") && html.contains("r&quot;1"));
        assert!(!html.contains("<script>"));
    }
}
