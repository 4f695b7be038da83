//! The loopback route: a one-shot listener on 127.0.0.1 at the registered
//! port, driven by a real HTTP GET as a browser would send it.

mod common;

use common::*;
use optin_core::login::RouteKind;
use optin_core::status::ConnectionState;
use optin_core::vault::SecretKind;
use optin_core::ErrorCode;
use ups_sandbox::{Endpoint, SandboxConfig, DEMO_CLIENT_ID};

/// A harness whose sandbox has `http://127.0.0.1:<free port>/callback` registered.
async fn loopback_harness() -> (Harness, String) {
    let redirect = format!("http://127.0.0.1:{}/callback", free_port());
    let sandbox = SandboxConfig::default().with_redirect_uri(DEMO_CLIENT_ID, redirect.clone());
    (
        Harness::with(Setup {
            sandbox,
            ..Setup::default()
        })
        .await,
        redirect,
    )
}

/// What a browser does with the final redirect: GET it, read the page.
async fn browser_get(url: &str) -> (u16, String) {
    let r = reqwest::Client::new()
        .get(url)
        .send()
        .await
        .expect("the loopback listener answers");
    let status = r.status().as_u16();
    (status, r.text().await.unwrap_or_default())
}

#[tokio::test]
async fn loopback_login_completes_through_the_listener() {
    let (h, redirect) = loopback_harness().await;
    let events = h.svc.subscribe();
    let started = h.svc.begin_login(h.request(&redirect)).await.unwrap();
    assert_eq!(started.info.route, RouteKind::Loopback);
    let login_id = started.info.login_id.clone();
    let waiter = {
        let svc = h.svc.clone();
        tokio::spawn(async move { svc.wait_for(&login_id, events).await })
    };

    let callback = h.sign_in(&started.info.authorize_url).await;
    assert!(callback.starts_with(&format!("{redirect}?")), "{callback}");
    let (status, page) = browser_get(&callback).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("You can close this tab"), "{page}");

    let done = tokio::time::timeout(std::time::Duration::from_secs(20), waiter)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(done.state, ConnectionState::Connected);
    let r = h.record();
    assert_eq!(r.route, Some(RouteKind::Loopback));
    assert_eq!(r.redirect_uri.as_deref(), Some(redirect.as_str()));
    assert!(h.vault_get(SecretKind::RefreshToken).await.is_some());
    assert!(h.vault_get(SecretKind::AccessToken).await.is_some());
    assert_eq!(h.requests_to(Endpoint::Token).len(), 1);
    assert!(!h.svc.has_pending());

    // The listener is one-shot: the port is released once the login finished.
    let port: u16 = url::Url::parse(&redirect).unwrap().port().unwrap();
    let mut freed = false;
    for _ in 0..50 {
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            freed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(freed, "port {port} still held after the login");
}

#[tokio::test]
async fn busy_port_is_loopback_port_busy() {
    let held = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let redirect = format!(
        "http://127.0.0.1:{}/callback",
        held.local_addr().unwrap().port()
    );
    let sandbox = SandboxConfig::default().with_redirect_uri(DEMO_CLIENT_ID, redirect.clone());
    let h = Harness::with(Setup {
        sandbox,
        ..Setup::default()
    })
    .await;
    let e = assert_code(
        h.svc.begin_login(h.request(&redirect)).await,
        ErrorCode::LoopbackPortBusy,
    );
    assert!(
        e.to_string()
            .contains(&held.local_addr().unwrap().port().to_string()),
        "{e}"
    );
    assert!(!h.svc.has_pending(), "no login registered");
    assert!(
        h.browser.opened.lock().unwrap().is_empty(),
        "the browser was not opened"
    );
    // Only the validate-client pre-flight reached UPS.
    assert!(h
        .sandbox
        .requests()
        .iter()
        .all(|r| r.endpoint == Endpoint::ValidateClient));
    assert!(h.secrets.is_empty());
}

#[tokio::test]
async fn bad_callbacks_to_the_listener_get_an_error_page_and_the_login_keeps_waiting() {
    let (h, redirect) = loopback_harness().await;
    let mut events = h.svc.subscribe();
    let started = h.svc.begin_login(h.request(&redirect)).await.unwrap();
    let callback = h.sign_in(&started.info.authorize_url).await;
    let state = param(&callback, "state").unwrap();

    // A foreign state: 400, nothing stored, still pending.
    let (status, page) = browser_get(&callback.replace(&state, "not-the-state")).await;
    assert_eq!(status, 400, "{page}");
    assert!(
        page.contains("Not accepted") && page.contains("does not belong to a login in progress"),
        "{page}"
    );
    // Another path on the same port: 404.
    let (status, _) = browser_get(&callback.replace("/callback?", "/favicon.ico?")).await;
    assert_eq!(status, 404);
    // The same path without a code: 400.
    let (status, page) = browser_get(&format!("{redirect}?state={state}")).await;
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("code parameter is missing"), "{page}");
    assert!(h.svc.has_pending());
    assert!(h.secrets.is_empty());
    assert!(h.requests_to(Endpoint::Token).is_empty());

    // The right one still works.
    let (status, page) = browser_get(&callback).await;
    assert_eq!(status, 200, "{page}");
    let done = next_event(&mut events, |e| {
        matches!(e, optin_core::service::CoreEvent::Completed { .. })
    })
    .await;
    match done {
        optin_core::service::CoreEvent::Completed { login_id, status } => {
            assert_eq!(login_id, started.info.login_id);
            assert_eq!(status.state, ConnectionState::Connected);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(h.requests_to(Endpoint::Token).len(), 1);
}

#[tokio::test]
async fn a_pasted_loopback_callback_also_completes_and_stops_the_listener() {
    // The admin's browser could not reach the listener; the address is pasted instead.
    let (h, redirect) = loopback_harness().await;
    let started = h.svc.begin_login(h.request(&redirect)).await.unwrap();
    let callback = h.sign_in(&started.info.authorize_url).await;
    let status = h.svc.complete(&callback).await.into_result().unwrap();
    assert_eq!(status.state, ConnectionState::Connected);
    let port: u16 = url::Url::parse(&redirect).unwrap().port().unwrap();
    let mut freed = false;
    for _ in 0..50 {
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            freed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(freed, "the listener stopped after the pasted callback");
}

#[tokio::test]
async fn cancel_stops_the_listener() {
    let (h, redirect) = loopback_harness().await;
    let events = h.svc.subscribe();
    let started = h.svc.begin_login(h.request(&redirect)).await.unwrap();
    h.svc.cancel(&started.info.login_id).unwrap();
    let e = assert_code(
        h.svc.wait_for(&started.info.login_id, events).await,
        ErrorCode::LoginCancelled,
    );
    assert!(e.to_string().contains("cancelled"), "{e}");
    let callback = h.sign_in(&started.info.authorize_url).await;
    assert!(
        reqwest::Client::new().get(&callback).send().await.is_err(),
        "nobody listens any more"
    );
    assert!(h.secrets.is_empty());
}

#[tokio::test]
async fn a_declined_sign_in_ends_the_listener_with_access_denied() {
    let (h, redirect) = loopback_harness().await;
    let events = h.svc.subscribe();
    let started = h.svc.begin_login(h.request(&redirect)).await.unwrap();
    let login_id = started.info.login_id.clone();
    let waiter = {
        let svc = h.svc.clone();
        tokio::spawn(async move { svc.wait_for(&login_id, events).await })
    };
    let callback = h.fake.decline(&started.info.authorize_url).await.unwrap();
    let (status, page) = browser_get(&callback).await;
    assert_eq!(status, 400, "{page}");
    assert!(
        page.contains("Sign-in not completed") && page.contains("declined"),
        "{page}"
    );
    let e = tokio::time::timeout(std::time::Duration::from_secs(20), waiter)
        .await
        .unwrap()
        .unwrap();
    assert_code(e, ErrorCode::AccessDenied);
    assert!(!h.svc.has_pending());
    assert!(h.secrets.is_empty());
    assert!(h.store().load().unwrap().is_empty());
    assert!(h.requests_to(Endpoint::Token).is_empty());
}

// ---- hostile local clients (issue 12, item 5) ---------------------------------

use optin_core::login::loopback::{Delivery, LoopbackListener, MAX_CONNECTIONS};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends a raw request head and reads the whole answer; returns the status.
async fn raw_get(addr: std::net::SocketAddr, target: &str, host: Option<&str>) -> (u16, String) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let mut head = format!("GET {target} HTTP/1.1\r\n");
    if let Some(h) = host {
        head.push_str(&format!("Host: {h}\r\n"));
    }
    head.push_str("Connection: close\r\n\r\n");
    s.write_all(head.as_bytes()).await.unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    let status = out
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, out)
}

/// A listener on `redirect` whose `deliver` accepts `?code=ok` and records
/// every URL it was given.
fn serve(listener: LoopbackListener) -> (Arc<Mutex<Vec<String>>>, tokio::task::JoinHandle<()>) {
    let got = Arc::new(Mutex::new(Vec::new()));
    let sink = got.clone();
    let task = tokio::spawn(async move {
        let _ = listener
            .serve(
                time::OffsetDateTime::now_utc() + time::Duration::seconds(60),
                Arc::new(optin_core::clock::SystemClock),
                move |url| {
                    sink.lock().unwrap().push(url.clone());
                    async move {
                        if url.contains("code=ok") {
                            Delivery::Accepted
                        } else {
                            Delivery::Rejected("not this one".into())
                        }
                    }
                },
            )
            .await;
    });
    (got, task)
}

#[tokio::test]
async fn stalled_connections_do_not_hold_up_the_callback() {
    let port = free_port();
    let redirect = url::Url::parse(&format!("http://127.0.0.1:{port}/callback")).unwrap();
    let listener = LoopbackListener::bind(&redirect).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (got, task) = serve(listener);
    // A local process opens connections and says nothing (or half a request).
    let mut stalled = Vec::new();
    for i in 0..MAX_CONNECTIONS - 1 {
        let mut s = TcpStream::connect(addr).await.unwrap();
        if i % 2 == 1 {
            s.write_all(b"GET /callback?code=stall HTTP/1.1\r\nHo")
                .await
                .unwrap();
        }
        stalled.push(s);
    }
    // The browser's callback is answered while they are all still open and
    // unanswered (a listener serving one connection at a time answers the
    // first stalled one, after its timeout, before it ever reads this one).
    let (status, page) = raw_get(
        addr,
        "/callback?code=ok&state=s",
        Some(&format!("127.0.0.1:{port}")),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    for s in &mut stalled {
        let mut buf = [0u8; 64];
        // Still open, or closed unanswered now that the listener is done;
        // never an answer (which would mean it was served before the callback).
        match s.try_read(&mut buf) {
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Ok(0) => {}
            other => panic!(
                "a stalled connection was answered: {other:?} {:?}",
                String::from_utf8_lossy(&buf)
            ),
        }
    }
    assert_eq!(got.lock().unwrap().len(), 1);
    task.await.unwrap();
}

#[tokio::test]
async fn a_foreign_host_header_gets_400_and_is_not_delivered() {
    let port = free_port();
    let redirect = url::Url::parse(&format!("http://127.0.0.1:{port}/callback")).unwrap();
    let listener = LoopbackListener::bind(&redirect).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (got, task) = serve(listener);
    let target = "/callback?code=ok&state=s";
    // DNS rebinding: a page on attacker.example.invalid, resolved to 127.0.0.1.
    for host in [
        Some(format!("attacker.example.invalid:{port}")),
        Some("attacker.example.invalid".to_string()),
        Some(format!("localhost:{port}")),
        Some("127.0.0.1".to_string()),
        Some(format!("127.0.0.1:{}", port.wrapping_add(1))),
        Some(format!("127.0.0.1:{port}.attacker.example.invalid")),
        None,
    ] {
        let (status, page) = raw_get(addr, target, host.as_deref()).await;
        assert_eq!(status, 400, "{host:?}: {page}");
        assert!(
            page.contains(&format!("127.0.0.1:{port}")),
            "says which host: {page}"
        );
    }
    assert!(got.lock().unwrap().is_empty(), "nothing reached the login");
    let (status, _) = raw_get(addr, target, Some(&format!("127.0.0.1:{port}"))).await;
    assert_eq!(status, 200);
    task.await.unwrap();
}

#[tokio::test]
async fn an_ipv6_loopback_redirect_is_served_on_the_ipv6_literal() {
    let port = free_port();
    let redirect = url::Url::parse(&format!("http://[::1]:{port}/callback")).unwrap();
    let listener = LoopbackListener::bind(&redirect).await.unwrap();
    let addr = listener.local_addr().unwrap();
    assert_eq!(addr, format!("[::1]:{port}").parse().unwrap());
    let (got, task) = serve(listener);
    let (status, _) = raw_get(addr, "/callback?code=x", Some(&format!("127.0.0.1:{port}"))).await;
    assert_eq!(status, 400, "the IPv4 literal is another host");
    let (status, page) = raw_get(addr, "/callback?code=ok", Some(&format!("[::1]:{port}"))).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        got.lock().unwrap().as_slice(),
        [format!("http://[::1]:{port}/callback?code=ok")]
    );
    task.await.unwrap();
}

#[tokio::test]
async fn a_localhost_redirect_is_served_on_both_loopback_addresses() {
    let port = free_port();
    let redirect = url::Url::parse(&format!("http://localhost:{port}/callback")).unwrap();
    let listener = LoopbackListener::bind(&redirect).await.unwrap();
    let mut addrs = listener.local_addrs();
    addrs.sort();
    assert_eq!(
        addrs,
        [
            format!("127.0.0.1:{port}").parse().unwrap(),
            format!("[::1]:{port}").parse().unwrap()
        ]
    );
    let (got, task) = serve(listener);
    let host = format!("localhost:{port}");
    let (status, _) = raw_get(addrs[0], "/callback?code=no", Some(&host)).await;
    assert_eq!(status, 400, "rejected by deliver, listener keeps going");
    let (status, _) = raw_get(addrs[1], "/callback?code=x", Some(&format!("[::1]:{port}"))).await;
    assert_eq!(status, 400, "Host must be the registered name");
    let (status, page) = raw_get(addrs[1], "/callback?code=ok", Some(&host)).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(got.lock().unwrap().len(), 2);
    task.await.unwrap();
}

#[tokio::test]
async fn localhost_is_refused_when_either_loopback_address_is_taken() {
    // Whoever holds [::1]:PORT would get the callback whenever the browser
    // resolves localhost to ::1.
    let held = std::net::TcpListener::bind("[::1]:0").unwrap();
    let port = held.local_addr().unwrap().port();
    let redirect = url::Url::parse(&format!("http://localhost:{port}/callback")).unwrap();
    let e = assert_code(
        LoopbackListener::bind(&redirect).await.map(|_| ()),
        ErrorCode::LoopbackPortBusy,
    );
    assert!(e.to_string().contains(&port.to_string()), "{e}");
}
