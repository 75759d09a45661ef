/**
 * A self-signed certificate for 127.0.0.1 and localhost, made when a test asks for one: no key
 * is ever written to the repository, and no `openssl` binary is needed (Node can sign, but has
 * no API to build a certificate, so the DER is written here). Tests only.
 */
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const sequence = (...items: Buffer[]) => tlv(0x30, ...items);

function integer(value: Buffer): Buffer {
  // A leading 1 bit would read as a negative number.
  return tlv(0x02, (value[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split(".").map(Number);
  const bytes = [first * 40 + second];
  for (const part of rest) {
    const base128 = [part & 0x7f];
    for (let high = part >> 7; high > 0; high >>= 7) base128.unshift(0x80 | (high & 0x7f));
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime (`YYMMDDHHMMSSZ`), the form RFC 5280 wants for dates before 2050. */
const utcTime = (date: Date) =>
  tlv(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-T:]/g, "")}Z`));

const ECDSA_WITH_SHA256 = sequence(oid("1.2.840.10045.4.3.2"));
const LOCALHOST_NAME = sequence(
  tlv(0x31, sequence(oid("2.5.4.3"), tlv(0x0c, Buffer.from("localhost")))),
);

function toPem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** A fresh P-256 key and a certificate for it, valid from a day ago to a day ahead. */
export function createTestCertificate(): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const now = Date.now();
  const day = 24 * 60 * 60 * 1000;
  const subjectAltName = sequence(
    tlv(0x82, Buffer.from("localhost")),
    tlv(0x87, Buffer.from([127, 0, 0, 1])),
  );
  const extensions = sequence(
    sequence(oid("2.5.29.17"), tlv(0x04, subjectAltName)),
    // Self-signed: it is its own authority, which the client is given as `ca`.
    sequence(oid("2.5.29.19"), tlv(0x04, sequence(tlv(0x01, Buffer.from([0xff]))))),
  );
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const toBeSigned = sequence(
    tlv(0xa0, integer(Buffer.from([2]))), // version 3
    integer(serial),
    ECDSA_WITH_SHA256,
    LOCALHOST_NAME,
    sequence(utcTime(new Date(now - day)), utcTime(new Date(now + day))),
    LOCALHOST_NAME,
    publicKey.export({ type: "spki", format: "der" }),
    tlv(0xa3, extensions),
  );
  const signature = sign("sha256", toBeSigned, privateKey);
  const certificate = sequence(
    toBeSigned,
    ECDSA_WITH_SHA256,
    tlv(0x03, Buffer.from([0]), signature),
  );
  return {
    key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    cert: toPem("CERTIFICATE", certificate),
  };
}
