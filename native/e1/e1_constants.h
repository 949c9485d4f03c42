// E1 (2048 kbit/s) structure constants, ITU-T G.704 §2.3 (frame of 32 timeslots, 8000 frames/s).
#pragma once

#include <cstddef>
#include <cstdint>

namespace tandem::e1 {

constexpr int kTimeslots = 32;        // TS0..TS31 (G.704 §2.3.1)
constexpr int kFrameOctets = 32;      // 256 bits per frame
constexpr int kFramesPerBlock = 8;    // one SAToP payload = 8 frames = 1 ms
constexpr int kBlockOctets = 256;
constexpr int kFramesPerSecond = 8000;
constexpr int kFramesPerMultiframe = 16;     // CRC-4 multiframe (G.704 §2.3.3.1)
constexpr int kFramesPerSubmultiframe = 8;   // SMF I = frames 0..7, SMF II = frames 8..15

// TS0 bit masks. G.704 numbers bits 1..8, bit 1 sent first; we keep octets with bit 1 = MSB (0x80).
constexpr uint8_t kFasPattern = 0x1B;   // bits 2..8 of the frame alignment signal: 0011011 (§2.3.2)
constexpr uint8_t kFasMask = 0x7F;
constexpr uint8_t kBit1 = 0x80;         // Si / C-bit / MFAS / E-bit position
constexpr uint8_t kNfasBit2 = 0x40;     // always 1 in NFAS frames (distinguishes from FAS)
constexpr uint8_t kNfasABit = 0x20;     // bit 3: A-bit, remote alarm indication
constexpr uint8_t kNfasSaBits = 0x1F;   // bits 4..8: Sa4..Sa8 (spare, sent as 1)

}  // namespace tandem::e1
