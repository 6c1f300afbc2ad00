//! A tiny HTTP/1.1 client over hyper (keep-alive, one request at a time), and sync helpers that
//! build raw wire requests. Shared by the integration tests and `benches/sync.rs`.

#![allow(dead_code, reason = "each user (tests, bench) uses a different subset")]

use std::net::SocketAddr;

use automerge::transaction::Transactable as _;
use automerge::{ActorId, Automerge, ChangeHash};
use http_body_util::{BodyExt as _, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::SendRequest;
use hyper::{Request, StatusCode};
use mentora_shared::sync::wire::{self, DocPush, Limits, SyncRequest, SyncResponse};
use mentora_shared::sync::{DocHeader, DocId, DocKind, PlaceId, Scope};

/// One keep-alive connection.
pub struct Conn {
    sender: SendRequest<Full<Bytes>>,
    pub addr: SocketAddr,
}

pub struct Reply {
    pub status: StatusCode,
    pub content_encoding: Option<String>,
    /// `Retry-After`, when the server sent one.
    pub retry_after: Option<String>,
    pub body: Vec<u8>,
}

impl Conn {
    pub async fn open(addr: SocketAddr) -> std::io::Result<Self> {
        let stream = tokio::net::TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        let io = hyper_util::rt::TokioIo::new(stream);
        let (sender, connection) = hyper::client::conn::http1::handshake(io)
            .await
            .map_err(std::io::Error::other)?;
        tokio::spawn(async move {
            let _ended = connection.await;
        });
        Ok(Self { sender, addr })
    }

    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> std::io::Result<Reply> {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("host", self.addr.to_string());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(Full::new(Bytes::from(body)))
            .map_err(std::io::Error::other)?;
        self.sender.ready().await.map_err(std::io::Error::other)?;
        let response = self
            .sender
            .send_request(request)
            .await
            .map_err(std::io::Error::other)?;
        let status = response.status();
        let content_encoding = response
            .headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(std::io::Error::other)?
            .to_bytes()
            .to_vec();
        Ok(Reply {
            status,
            content_encoding,
            retry_after,
            body,
        })
    }

    /// Logs in and returns the token.
    pub async fn login(&mut self, username: &str, device: [u8; 16]) -> std::io::Result<String> {
        let body = serde_json::json!({
            "username": username,
            "password": "mentora-demo",
            "device_id": uuid::Uuid::from_bytes(device).to_string(),
        });
        let reply = self
            .send(
                "POST",
                "/api/login",
                &[("content-type", "application/json")],
                body.to_string().into_bytes(),
            )
            .await?;
        let json: serde_json::Value =
            serde_json::from_slice(&reply.body).map_err(std::io::Error::other)?;
        json["token"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| std::io::Error::other(format!("login failed: {json}")))
    }

    /// Posts one encoded sync request (gzip both ways when `gzip`); returns the decompressed
    /// response body and the bytes on the wire each way.
    pub async fn sync_raw(
        &mut self,
        token: &str,
        raw: Vec<u8>,
        gzip: bool,
    ) -> std::io::Result<(Vec<u8>, usize, usize)> {
        let auth = format!("Bearer {token}");
        let mut headers = vec![
            ("content-type", "application/octet-stream"),
            ("authorization", auth.as_str()),
        ];
        let body = if gzip {
            headers.push(("content-encoding", "gzip"));
            headers.push(("accept-encoding", "gzip"));
            gzip_bytes(&raw)
        } else {
            raw
        };
        let up = body.len();
        let reply = self.send("POST", "/api/sync", &headers, body).await?;
        if reply.status != StatusCode::OK {
            return Err(std::io::Error::other(format!(
                "sync answered {}: {}",
                reply.status,
                String::from_utf8_lossy(&reply.body)
            )));
        }
        let down = reply.body.len();
        let plain = match reply.content_encoding.as_deref() {
            Some("gzip") => gunzip(&reply.body)?,
            _ => reply.body,
        };
        Ok((plain, up, down))
    }

    /// [`Conn::sync_raw`] with a decoded request and response.
    pub async fn sync(
        &mut self,
        token: &str,
        request: &SyncRequest,
        gzip: bool,
    ) -> std::io::Result<(SyncResponse, usize, usize)> {
        let (plain, up, down) = self
            .sync_raw(token, wire::encode_request(request), gzip)
            .await?;
        let response =
            wire::decode_response(&plain, &Limits::RESPONSE).map_err(std::io::Error::other)?;
        Ok((response, up, down))
    }
}

pub fn gzip_bytes(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("in-memory write");
    enc.finish().expect("in-memory gzip")
}

pub fn gunzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out)?;
    Ok(out)
}

pub fn header(district: &str, facility: Option<&str>) -> DocHeader {
    DocHeader {
        kind: DocKind::new("visit").expect("kind"),
        schema_version: 1,
        scope: Scope {
            district: PlaceId::new(district).expect("district"),
            facility: facility.map(|f| PlaceId::new(f).expect("facility")),
        },
    }
}

/// A document edited on one device, pushed change by change.
pub struct LocalDoc {
    pub doc_id: DocId,
    pub header: DocHeader,
    pub doc: Automerge,
    pub server_heads: Vec<ChangeHash>,
}

impl LocalDoc {
    pub fn new(device: [u8; 16], doc_id: DocId, header: DocHeader) -> Self {
        Self {
            doc_id,
            header,
            doc: Automerge::new().with_actor(ActorId::from(&device[..])),
            server_heads: Vec::new(),
        }
    }

    /// Commits one change (a saved form: a key and a note); returns its hash.
    pub fn edit(&mut self, key: &str, note: &str) -> ChangeHash {
        let mut tx = self.doc.transaction();
        tx.put(automerge::ROOT, key, note).expect("put");
        tx.put(automerge::ROOT, "note", note).expect("put");
        tx.commit().0.expect("a change")
    }

    /// A push of every change the server is not known to hold.
    pub fn push(&self) -> DocPush {
        let mut heads = self.doc.get_heads();
        heads.sort_unstable();
        DocPush {
            doc_id: self.doc_id,
            header: self.header.clone(),
            heads,
            changes: self
                .doc
                .get_changes(&self.server_heads)
                .iter()
                .map(|c| c.raw_bytes().to_vec())
                .collect(),
        }
    }
}

pub fn doc_id(n: u64) -> DocId {
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&n.to_be_bytes());
    id[8] = 0xd0;
    DocId(id)
}
