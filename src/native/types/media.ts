// Typed face of the "media" export group (native/media/media_binding*.cc): the pure DSP components of
// the media core (G.711, jitter buffer, loss concealment, DTMF, tones, RTP/RTCP), for tests and tools.
// The live media channels are driven through src/media/.

export type G711Law = 'alaw' | 'ulaw';

export interface MediaNative {
  /** G.711 encode of 16-bit linear samples (rounded to 13/14 bits like sox, then G.711 Tables 1/2). */
  g711Encode(law: G711Law, samples: Int16Array): Uint8Array;
  /** G.711 decode to 16-bit linear (the middle of each quantisation interval). */
  g711Decode(law: G711Law, codes: Uint8Array): Int16Array;
  /** Direct code conversion by G.711 Table 3 (µ->A) or Table 4 (A->µ); identity when from === to. */
  g711Convert(from: G711Law, to: G711Law, codes: Uint8Array): Uint8Array;
}

export interface MediaExports {
  readonly media: MediaNative;
}
