//! Stage ids: stable slugs that survive renames, so that diffs and merges can match
//! a stage by who it is rather than by what it is called today.

/// True for a non-empty `[a-z0-9-]+`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `"Evaluate & recommend!"` → `"evaluate-recommend"`. Letters outside ASCII are
/// folded where a plain ASCII letter is obvious (é → e) and dropped otherwise; a
/// name with nothing left becomes `"stage"`.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.chars().flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("stage");
    }
    out
}

/// A slug of `name` that is not in `taken`: `decision`, then `decision-2`, ….
pub fn unique_slug<'a>(name: &str, taken: impl Fn(&str) -> bool + 'a) -> String {
    let base = slugify(name);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken(s))
        .unwrap_or(base)
}

/// Common Latin letters with diacritics mapped to their base letter.
fn fold(c: char) -> impl Iterator<Item = char> {
    let base: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'œ' | 'Œ' => "oe",
        'ß' => "ss",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        _ => "",
    };
    let single = if base.is_empty() { Some(c) } else { None };
    base.chars().chain(single)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Evaluate and recommend"), "evaluate-and-recommend");
        assert_eq!(slugify("  Évaluer & Décider! "), "evaluer-decider");
        assert_eq!(slugify("🎉"), "stage");
        assert!(is_slug("value-journey-2"));
        assert!(!is_slug("Value"));
        assert!(!is_slug(""));
        assert_eq!(unique_slug("Buy", |s| s == "buy"), "buy-2");
    }
}
