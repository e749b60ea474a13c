// Binary image frames (docs/protocol.md): a big-endian header, then PNG or JPEG bytes.
// Its layout (field offsets, kinds, formats, size) comes from /api/options, so app/protocol.py
// stays the only place it is defined.

/** Returns a function that splits an ArrayBuffer frame into its header fields and a picture Blob. */
export function frameReader(spec) {
  const kindNames = Object.fromEntries(Object.entries(spec.kinds).map(([name, code]) => [code, name]));
  const mimeTypes = { [spec.formats.png]: "image/png", [spec.formats.jpeg]: "image/jpeg" };
  const magic = [...spec.magic].map((c) => c.charCodeAt(0));
  const OFFSET = spec.offsets;
  return (buffer) => {
    const view = new DataView(buffer);
    const ours = view.getUint8(OFFSET.magic) === magic[0] && view.getUint8(OFFSET.magic + 1) === magic[1];
    if (!ours || view.getUint8(OFFSET.version) !== spec.version) {
      throw new Error("not a frame this page understands");
    }
    return {
      kind: kindNames[view.getUint8(OFFSET.kind)],
      image: view.getUint8(OFFSET.image),
      jobId: view.getUint32(OFFSET.job),
      step: view.getUint16(OFFSET.step),
      blob: new Blob([buffer.slice(spec.header_bytes)], { type: mimeTypes[view.getUint8(OFFSET.format)] }),
    };
  };
}
