//! The lineage as nested lists (each list a level of the cascade, so a screen reader announces
//! the nesting), each person's generation and promotion said in words, and the depth on top.

use leptos::prelude::*;
use mentora_shared::documents::cascade::{LineageNode, Promotion, lineage};

use super::data;
use super::keys::CasKey;
use super::place_name;
use crate::engine::use_sync;
use crate::i18n::{I18n, use_i18n};
use crate::places::{PlacesStore, use_places};

fn node_view(i18n: I18n, places: PlacesStore, node: LineageNode) -> AnyView {
    let promoted = node.promoted_to.map(|slug| {
        view! {
            " · " <strong class="cascade-promoted">{i18n.t(CasKey::MentorAt)} " " {place_name(places, &slug)}</strong>
        }
    });
    let children = (!node.mentees.is_empty()).then(|| {
        view! {
            <ul class="cascade-tree">
                {node.mentees.into_iter().map(|n| node_view(i18n, places, n)).collect_view()}
            </ul>
        }
    });
    view! {
        <li data-testid="lineage-node">
            <span>{node.name}</span>
            <span class="muted">" (" {i18n.t(CasKey::Generation)} " " {node.generation} ")"</span>
            {promoted}
            {children}
        </li>
    }
    .into_any()
}

#[component]
pub(super) fn LineageView(promotions: Memo<Vec<data::PromotionRow>>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let places = use_places();
    let tree = Memo::new(move |_| {
        sync.revision.track();
        let promotions: Vec<Promotion> = promotions.with(|rows| {
            rows.iter()
                .filter_map(|r| r.as_ref().ok().map(|(_, p)| p.clone()))
                .collect()
        });
        lineage(&data::lineage_mentees(), &promotions)
    });
    move || {
        let tree = tree.get();
        let depth = tree.depth;
        let body = if tree.roots.is_empty() {
            view! { <p class="muted">{i18n.t(CasKey::NoLineage)}</p> }.into_any()
        } else {
            view! {
                <ul class="cascade-tree" data-testid="lineage">
                    {tree.roots.into_iter().map(|root| view! {
                        <li>
                            <strong>{root.name}</strong> " " <span class="muted">{i18n.t(CasKey::ValidatedBy)} ":"</span>
                            <ul class="cascade-tree">
                                {root.mentees.into_iter().map(|n| node_view(i18n, places, n)).collect_view()}
                            </ul>
                        </li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        };
        view! {
            <h2>{i18n.t(CasKey::Lineage)}</h2>
            <p class="cascade-depth" data-testid="cascade-depth">
                {i18n.t(CasKey::Depth)} ": " {depth} " " {i18n.t(CasKey::Generations)}
            </p>
            {body}
        }
    }
}
