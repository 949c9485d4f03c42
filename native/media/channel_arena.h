// Memory for media channels from 2 MiB transparent huge pages (madvise(MADV_HUGEPAGE)).
// Why: the engine thread touches every channel every tick and parts of each (jitter buffer, DTMF
// detector, concealer history) every 10 ms; 1500 channels of ~33 KiB spread over ~12,000 4 KiB pages
// is far more than the TLB holds, so each channel's turn began with page walks. Packed ~60 to a huge
// page they need ~25 TLB entries. JS thread only (channels are created and deleted there); a mutex
// anyway, since several engines (worker threads) may open channels at once. Chunks are kept for
// reuse, never returned to the system. Falls back to the ordinary heap when mmap fails or the
// object is too large.
#pragma once

#include <cstddef>

namespace tandem::media {

void* channelArenaAlloc(size_t n);
void channelArenaFree(void* p, size_t n);

}  // namespace tandem::media
