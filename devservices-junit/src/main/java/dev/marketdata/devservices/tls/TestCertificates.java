package dev.marketdata.devservices.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority for tests that speak TLS to the embedded servers: it signs
 * server certificates for the names given and writes them in the forms the servers and clients read
 * (PKCS12 key and trust stores for Kafka, PEM certificate and key for PostgreSQL).
 *
 * <p>Made with the JDK's own {@code keytool} (run from {@code java.home}), so the tests need
 * neither OpenSSL on the machine nor a crypto library on the class path; the PEM private key is
 * written from the PKCS12 store by {@link KeyStore}, as PostgreSQL cannot read PKCS12.
 */
public final class TestCertificates {
  /** The password of every store written here; test material only. */
  public static final String STORE_PASSWORD = "test-store-password";

  private static final String CA_ALIAS = "ca";
  private static final String SERVER_ALIAS = "server";

  private final Path dir;
  private final String name;

  private TestCertificates(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  /** A new certificate authority named {@code name}, its files under {@code dir}. */
  public static TestCertificates authority(Path dir, String name) {
    TestCertificates ca = new TestCertificates(dir, name);
    ca.keytool(
        "-genkeypair",
        "-alias",
        CA_ALIAS,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=" + name,
        "-ext",
        "bc:c",
        "-validity",
        "3",
        "-storetype",
        "PKCS12",
        "-keystore",
        ca.caStore().toString(),
        "-storepass",
        STORE_PASSWORD);
    ca.keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        CA_ALIAS,
        "-keystore",
        ca.caStore().toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        ca.certificatePem().toString());
    ca.keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        CA_ALIAS,
        "-file",
        ca.certificatePem().toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        ca.truststore().toString(),
        "-storepass",
        STORE_PASSWORD);
    return ca;
  }

  /** This authority's certificate as PEM: what a client's {@code sslrootcert} names. */
  public Path certificatePem() {
    return dir.resolve(name + "-ca.pem");
  }

  /** A PKCS12 trust store holding only this authority's certificate. */
  public Path truststore() {
    return dir.resolve(name + "-truststore.p12");
  }

  private Path caStore() {
    return dir.resolve(name + "-ca.p12");
  }

  /**
   * A server key and certificate signed by this authority, valid for {@code subjectAltNames} (such
   * as {@code dns:localhost} or {@code ip:127.0.0.1}).
   */
  public Server issueServer(String serverName, String... subjectAltNames) {
    Path keystore = dir.resolve(serverName + ".p12");
    Path request = dir.resolve(serverName + ".csr");
    Path certificate = dir.resolve(serverName + ".pem");
    keytool(
        "-genkeypair",
        "-alias",
        SERVER_ALIAS,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=" + serverName,
        "-validity",
        "3",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD);
    keytool(
        "-certreq",
        "-alias",
        SERVER_ALIAS,
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        request.toString());
    keytool(
        "-gencert",
        "-rfc",
        "-alias",
        CA_ALIAS,
        "-keystore",
        caStore().toString(),
        "-storepass",
        STORE_PASSWORD,
        "-infile",
        request.toString(),
        "-outfile",
        certificate.toString(),
        "-validity",
        "3",
        "-ext",
        "san=" + String.join(",", subjectAltNames),
        "-ext",
        "eku=serverAuth");
    // The signed certificate replaces the self-signed one once its issuer is known to the store.
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        CA_ALIAS,
        "-file",
        certificatePem().toString(),
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD);
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        SERVER_ALIAS,
        "-file",
        certificate.toString(),
        "-keystore",
        keystore.toString(),
        "-storepass",
        STORE_PASSWORD);
    Path privateKey = dir.resolve(serverName + ".key");
    writePrivateKeyPem(keystore, privateKey);
    return new Server(keystore, certificate, privateKey);
  }

  /**
   * One server's key material.
   *
   * @param keystore PKCS12 key and certificate chain, password {@link #STORE_PASSWORD}
   * @param certificatePem the server certificate as PEM
   * @param privateKeyPem the unencrypted PKCS#8 PEM key, readable by its owner only
   */
  public record Server(Path keystore, Path certificatePem, Path privateKeyPem) {}

  private static void writePrivateKeyPem(Path keystore, Path target) {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, STORE_PASSWORD.toCharArray());
      Key key = store.getKey(SERVER_ALIAS, STORE_PASSWORD.toCharArray());
      String body =
          Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(key.getEncoded());
      Files.writeString(
          target, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
      // PostgreSQL refuses a key file that others may read.
      Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the private key " + target, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the key from " + keystore, e);
    }
  }

  private void keytool(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    try {
      Files.createDirectories(dir);
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      process.getInputStream().transferTo(output);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool " + args[0] + " did not finish");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool "
                + args[0]
                + " failed ("
                + process.exitValue()
                + "): "
                + output.toString(StandardCharsets.UTF_8).strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run keytool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }
}
