//! The store's unit tests: migrations, versions, transitions.

use super::*;

fn unit(s: &Store) -> Unit {
    s.create_unit("u1", "某区司法局", "department", 2025, "", "h1")
        .unwrap()
}

#[test]
fn migrates_once_and_refuses_a_newer_schema() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("g.db");
    let s = Store::open(&p).unwrap();
    assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
    drop(s);
    // Reopening runs nothing again.
    let s = Store::open(&p).unwrap();
    unit(&s);
    s.conn().pragma_update(None, "user_version", 99).unwrap();
    drop(s);
    let e = Store::open(&p).err().unwrap();
    assert!(e.contains("更新版本"), "{e}");
}

#[test]
fn save_refuses_a_stale_version_and_keeps_every_version() {
    let s = Store::memory().unwrap();
    unit(&s);
    let v = |t| NewVersion {
        text: t,
        by: "unit",
        errors: 0,
        warnings: 0,
        autosave: false,
    };
    assert_eq!(s.save("u1", None, &v("a")), Ok(1));
    // A second "first save" is stale.
    assert_eq!(
        s.save("u1", None, &v("b")),
        Err(SaveError::Stale { current: 1 })
    );
    assert_eq!(s.save("u1", Some(1), &v("b")), Ok(2));
    assert_eq!(
        s.save("u1", Some(1), &v("c")),
        Err(SaveError::Stale { current: 2 })
    );
    assert_eq!(s.text("u1", None).unwrap(), Some((2, "b".into())));
    assert_eq!(s.text("u1", Some(1)).unwrap(), Some((1, "a".into())));
    assert_eq!(s.history("u1").unwrap().len(), 2);
    assert_eq!(s.save("nope", None, &v("x")), Err(SaveError::NoUnit));
}

#[test]
fn approved_is_final_and_transitions_are_checked() {
    let s = Store::memory().unwrap();
    unit(&s);
    let v = NewVersion {
        text: "a",
        by: "unit",
        errors: 0,
        warnings: 0,
        autosave: false,
    };
    s.save("u1", None, &v).unwrap();
    assert_eq!(
        s.transition("u1", &["submitted"], "approved", "office", None)
            .unwrap(),
        Err("draft".into())
    );
    s.transition("u1", &["draft", "returned"], "submitted", "unit", None)
        .unwrap()
        .unwrap();
    s.transition("u1", &["submitted"], "approved", "office", None)
        .unwrap()
        .unwrap();
    assert_eq!(s.save("u1", Some(1), &v), Err(SaveError::Approved));
    assert_eq!(s.unit("u1").unwrap().unwrap().status, "approved");
    assert_eq!(s.history("u1").unwrap()[0].status, "approved");
    assert_eq!(
        s.approved_text("某区司法局", 2025).unwrap().as_deref(),
        Some("a")
    );
    assert!(s.log("u1").unwrap().len() >= 4);
}

#[test]
fn a_run_of_autosaves_is_one_version_and_other_saves_are_kept() {
    let s = Store::memory().unwrap();
    unit(&s);
    let v = |t, autosave| NewVersion {
        text: t,
        by: "unit",
        errors: 0,
        warnings: 0,
        autosave,
    };
    assert_eq!(s.save("u1", None, &v("upload", false)), Ok(1));
    assert_eq!(s.save("u1", Some(1), &v("typing 1", true)), Ok(2));
    assert_eq!(s.save("u1", Some(2), &v("typing 2", true)), Ok(3));
    assert_eq!(s.save("u1", Some(3), &v("typing 3", true)), Ok(4));
    let h: Vec<String> = s
        .history("u1")
        .unwrap()
        .into_iter()
        .map(|h| h.version)
        .collect();
    // The upload stays; the run of typing is its last state.
    assert_eq!(h, ["1", "4"]);
    assert_eq!(s.text("u1", None).unwrap(), Some((4, "typing 3".into())));
    // A stale autosave is still refused.
    assert_eq!(
        s.save("u1", Some(3), &v("late", true)),
        Err(SaveError::Stale { current: 4 })
    );
    // After a submit the autosave before it is kept.
    s.transition("u1", &["draft"], "submitted", "unit", None)
        .unwrap()
        .unwrap();
    assert_eq!(s.save("u1", Some(4), &v("after", true)), Ok(5));
    assert_eq!(s.history("u1").unwrap().len(), 3);
}
