// drivers/loop: the in-memory span loop. Two spans of ONE engine, each naming the other as `peer`,
// exchange their 256-octet blocks in memory every tick: no socket, no system call, no wire format.
// For labs, tests and benchmarks where the TDM side is not what is measured (docs/native-core.md,
// "The loop driver"). Everything else of the span (G.704 framing, CRC-4, HDLC, alarms, bearers)
// runs as on any other driver, so a loop pair behaves like two E1 ports cabled back to back.
//
// Pairing: the two drivers share one `LoopWire` (two lanes of blocks, one per direction), found in a
// process-wide registry by (engine, {name, peer}); whichever opens first creates it. The wire is
// held by shared_ptr by both drivers, so a span removed (and deleted on the JS thread) never frees
// what its peer's tick still reads. Lanes are written and read only on the engine's RT thread (both
// spans are ticked by the same thread), so they need no atomics.
// Timing: a block written in tick n is read by the peer in tick n (peer ticked later) or n + 1
// (peer ticked earlier): one block of delay at most, constant while the span order is unchanged.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "driver.h"

namespace tandem::drivers {

struct LoopConfig {
  const void* scope = nullptr;  // the engine both spans belong to (pairs are per engine)
  std::string name;             // this span's name
  std::string peer;             // the other span's name
  int losThresholdMs = 30;      // no block from the peer this long = loss of signal
};

// One direction of the loop: a small ring of blocks. Single producer, single consumer, one thread.
struct LoopLane {
  static constexpr uint32_t kSlots = 8;  // power of 2; steady occupancy is 0..1
  std::array<std::array<uint8_t, kBlockOctets>, kSlots> blocks{};
  uint32_t head = 0;  // next write (writer's tick)
  uint32_t tail = 0;  // next read (reader's tick)
  uint64_t dropped = 0;  // blocks the writer could not queue (reader not ticked: span removed)
  uint32_t size() const { return head - tail; }
};

struct LoopWire {
  LoopLane lane[2];                  // lane[i]: written by side i, read by side 1 - i
  std::atomic<bool> claimed[2]{};    // a driver holds side i (JS thread, open/close)
};

class LoopDriver final : public SpanDriver {
 public:
  explicit LoopDriver(const LoopConfig& cfg);
  ~LoopDriver() override;

  const char* kind() const override { return "loop"; }
  void open() override;
  void close() override;
  void poll(uint64_t nowUs) override;
  bool readBlock(uint8_t block[kBlockOctets]) override;
  void writeBlock(const uint8_t block[kBlockOctets]) override;
  void setTxEnabled(bool on) override { txEnabled_.store(on, std::memory_order_relaxed); }
  bool los() const override { return los_.load(std::memory_order_relaxed); }
  const DriverCounters& counters() const override { return counters_; }

 private:
  static void bump(std::atomic<uint64_t>& c, uint64_t n = 1) {
    c.store(c.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
  }

  LoopConfig cfg_;
  std::shared_ptr<LoopWire> wire_;
  int side_ = 0;          // which lane this driver writes
  bool rxReset_ = true;   // first poll after open: discard what waited in the receive lane
  bool haveBlock_ = false;
  uint64_t lastRxUs_ = 0;
  bool started_ = false;
  std::atomic<bool> txEnabled_{true};
  std::atomic<bool> los_{false};
  DriverCounters counters_;
};

}  // namespace tandem::drivers
