//! Markdown read as GitHub reads a pull-request comment: CommonMark with the GFM
//! extensions (tables, strikethrough, autolinks) and raw HTML such as `<details>`
//! kept, rendered by `comrak`, then parsed as XML so that a test asserts on the
//! structure a reader sees (which list is inside which item) and an unbalanced
//! tag fails the parse.
#![allow(dead_code)]

use roxmltree::{Document, Node};

/// The Markdown's HTML, wrapped in one root element.
pub fn html(md: &str) -> String {
    let mut o = comrak::Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.render.r#unsafe = true;
    format!("<root>{}</root>", comrak::markdown_to_html(md, &o))
}

/// The HTML as a tree; panics with the HTML when it is not well formed.
pub fn tree(html: &str) -> Document<'_> {
    Document::parse(html).unwrap_or_else(|e| panic!("not well formed: {e}\n{html}"))
}

/// All text under a node.
pub fn text(n: Node) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect()
}

/// The elements named `tag` under `n`, in document order.
pub fn all<'a, 'i>(n: Node<'a, 'i>, tag: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.descendants().filter(move |d| d.has_tag_name(tag))
}

/// The element children of `n` named `tag`.
pub fn children<'a, 'i>(n: Node<'a, 'i>, tag: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(move |d| d.has_tag_name(tag))
}

/// The text of an item without that of its sub-lists: what its bullet says.
pub fn own_text(li: Node) -> String {
    li.descendants()
        .filter(|d| {
            d.is_text()
                && d.ancestors()
                    .take_while(|a| *a != li)
                    .all(|a| !a.has_tag_name("ul"))
        })
        .filter_map(|d| d.text())
        .collect()
}
