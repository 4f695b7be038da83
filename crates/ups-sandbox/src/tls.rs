//! The sandbox over https with a certificate from a private certificate
//! authority made at start (rcgen): how the tests stand in for a company
//! network that inspects TLS. A client trusts it only when it is given the
//! CA ([`PrivateCa::ca_pem`]), e.g. through `SSL_CERT_FILE`; every other
//! client sees an unknown issuer.

use std::io;
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::TlsAcceptor;

/// The names the server certificate is for.
pub const TLS_NAMES: [&str; 2] = ["localhost", "127.0.0.1"];

/// A fresh private CA and a server certificate it signed for [`TLS_NAMES`].
#[derive(Clone)]
pub struct PrivateCa {
    /// The CA's certificate (PEM): the one thing a client must trust.
    pub ca_pem: String,
    pub(crate) acceptor: TlsAcceptor,
}

impl std::fmt::Debug for PrivateCa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PrivateCa")
    }
}

fn other(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

impl PrivateCa {
    /// Makes a new CA (its key never leaves this process) and the server's
    /// certificate and key.
    pub fn generate() -> io::Result<PrivateCa> {
        let mut ca = CertificateParams::new(Vec::<String>::new()).map_err(other)?;
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        // A name of its own: two CAs made by two runs are two issuers, as a
        // company's root and a public one are.
        ca.distinguished_name.push(
            DnType::CommonName,
            format!("ups-sandbox private test CA {:016x}", rand::random::<u64>()),
        );
        ca.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca_key = KeyPair::generate().map_err(other)?;
        let ca_cert = ca.self_signed(&ca_key).map_err(other)?;
        let issuer = Issuer::new(ca, ca_key);

        let mut leaf =
            CertificateParams::new(TLS_NAMES.map(String::from).to_vec()).map_err(other)?;
        leaf.distinguished_name
            .push(DnType::CommonName, "localhost");
        leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let leaf_key = KeyPair::generate().map_err(other)?;
        let leaf_cert = leaf.signed_by(&leaf_key, &issuer).map_err(other)?;

        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
        let config = ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(vec![leaf_cert.der().clone()], key)
            .map_err(other)?;
        Ok(PrivateCa {
            ca_pem: ca_cert.pem(),
            acceptor: TlsAcceptor::from(Arc::new(config)),
        })
    }
}
