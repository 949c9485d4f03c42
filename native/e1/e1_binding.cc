// Export group "e1": pure functions and a two-ended E1 line simulator over the E1 DSP components,
// for tests and tools (typed in src/native/types/e1.ts). Nothing here runs on the real-time thread.
#include <napi.h>

#include <cstring>
#include <string>
#include <vector>

#include "binding/errors.h"
#include "binding/module_registry.h"
#include "e1/crc4.h"
#include "e1/framer_rx.h"
#include "e1/framer_tx.h"
#include "e1/hdlc.h"
#include "e1/pcap_writer.h"
#include "e1/prbs.h"

namespace tandem::e1 {

namespace {

Napi::Buffer<uint8_t> argBuffer(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (info.Length() <= i || !info[i].IsBuffer()) throwType(info.Env(), std::string(what) + " must be a Buffer");
  return info[i].As<Napi::Buffer<uint8_t>>();
}

double argNumber(const Napi::CallbackInfo& info, size_t i, const char* what, double min, double max) {
  if (info.Length() <= i || !info[i].IsNumber()) throwType(info.Env(), std::string(what) + " must be a number");
  const double v = info[i].As<Napi::Number>().DoubleValue();
  if (!(v >= min && v <= max)) throwRange(info.Env(), std::string(what) + " out of range");
  return v;
}

double optNumber(Napi::Object o, const char* key, double def, double min, double max) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined()) return def;
  if (!v.IsNumber()) throwType(o.Env(), std::string(key) + " must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= min && d <= max)) throwRange(o.Env(), std::string(key) + " out of range");
  return d;
}

bool optBool(Napi::Object o, const char* key, bool def) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined()) return def;
  if (!v.IsBoolean()) throwType(o.Env(), std::string(key) + " must be a boolean");
  return v.As<Napi::Boolean>().Value();
}

Napi::Object optObject(const Napi::CallbackInfo& info, size_t i) {
  if (info.Length() <= i || info[i].IsUndefined()) return Napi::Object::New(info.Env());
  if (!info[i].IsObject()) throwType(info.Env(), "options must be an object");
  return info[i].As<Napi::Object>();
}

std::vector<std::vector<uint8_t>> argBufferList(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (info.Length() <= i || !info[i].IsArray()) throwType(info.Env(), std::string(what) + " must be an array of Buffers");
  Napi::Array a = info[i].As<Napi::Array>();
  std::vector<std::vector<uint8_t>> out;
  out.reserve(a.Length());
  for (uint32_t k = 0; k < a.Length(); ++k) {
    Napi::Value v = a.Get(k);
    if (!v.IsBuffer()) throwType(info.Env(), std::string(what) + " must be an array of Buffers");
    auto b = v.As<Napi::Buffer<uint8_t>>();
    out.emplace_back(b.Data(), b.Data() + b.Length());
  }
  return out;
}

Napi::Object statusObject(Napi::Env env, const RxFramer& rx) {
  const RxFramerStatus& s = rx.status();
  Napi::Object o = Napi::Object::New(env);
  o.Set("frameAligned", s.frameAligned);
  o.Set("mfAligned", s.mfAligned);
  o.Set("crc4Active", s.crc4Active);
  o.Set("lof", s.lof);
  o.Set("ais", s.ais);
  o.Set("rai", s.rai);
  o.Set("bitOffset", rx.bitOffset());
  o.Set("framePhase", rx.framePhase());
  o.Set("multiframePosition", rx.multiframePosition());
  return o;
}

Napi::Object countersObject(Napi::Env env, const RxFramerCounters& c) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("frames", static_cast<double>(c.frames));
  o.Set("crcErrors", static_cast<double>(c.crcErrors));
  o.Set("febe", static_cast<double>(c.febe));
  o.Set("fasErrors", static_cast<double>(c.fasErrors));
  o.Set("slips", static_cast<double>(c.slips));
  o.Set("realignments", static_cast<double>(c.realignments));
  return o;
}

Napi::Object hdlcCountersObject(Napi::Env env, const HdlcRxCounters& c) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("frames", static_cast<double>(c.frames));
  o.Set("fcsErrors", static_cast<double>(c.fcsErrors));
  o.Set("aborts", static_cast<double>(c.aborts));
  o.Set("nonOctet", static_cast<double>(c.nonOctet));
  o.Set("oversize", static_cast<double>(c.oversize));
  o.Set("tooShort", static_cast<double>(c.tooShort));
  return o;
}

// ---- HDLC -----------------------------------------------------------------------------------

struct ListSource : HdlcFrameSource {
  const std::vector<std::vector<uint8_t>>* frames;
  size_t next = 0;
  size_t nextFrame(uint8_t* buf, size_t cap) override {
    while (next < frames->size()) {
      const auto& f = (*frames)[next++];
      if (f.empty()) continue;  // an empty payload would be "no frame": skipped (see hdlcEncode docs)
      const size_t n = f.size() < cap ? f.size() : cap;
      std::memcpy(buf, f.data(), n);
      return n;
    }
    return 0;
  }
};

// hdlcEncode(frames: Buffer[], octets: number, flagsBetween = 1) -> Buffer of timeslot octets
Napi::Value HdlcEncode(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto frames = argBufferList(info, 0, "frames");
  const size_t octets = static_cast<size_t>(argNumber(info, 1, "octets", 0, 64e6));
  const unsigned flags = info.Length() > 2 && !info[2].IsUndefined() ? static_cast<unsigned>(argNumber(info, 2, "flagsBetween", 1, 1000)) : 1;
  for (const auto& f : frames)
    if (f.size() > HdlcEncoder::kMaxFrame - 2) throwRange(env, "frame longer than the encoder's capacity");
  ListSource src;
  src.frames = &frames;
  HdlcEncoder enc(&src);
  enc.setFlagsBetweenFrames(flags);
  auto out = Napi::Buffer<uint8_t>::New(env, octets);
  for (size_t i = 0; i < octets; ++i) out.Data()[i] = enc.nextOctet();
  return out;
}

struct CollectTap : HdlcTap {
  std::vector<std::vector<uint8_t>> tx, rx;
  void onTxFrame(const uint8_t* p, size_t n) override { tx.emplace_back(p, p + n); }
  void onRxFrame(const uint8_t* p, size_t n) override { rx.emplace_back(p, p + n); }
};

Napi::Array bufferArray(Napi::Env env, const std::vector<std::vector<uint8_t>>& v) {
  Napi::Array a = Napi::Array::New(env, v.size());
  for (size_t i = 0; i < v.size(); ++i) a.Set(static_cast<uint32_t>(i), Napi::Buffer<uint8_t>::Copy(env, v[i].data(), v[i].size()));
  return a;
}

// hdlcEncodeTapped(frames, octets, flagsBetween = 1) -> {octets: Buffer, tapped: Buffer[]} (the tap's view)
Napi::Value HdlcEncodeTapped(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto frames = argBufferList(info, 0, "frames");
  const size_t octets = static_cast<size_t>(argNumber(info, 1, "octets", 0, 64e6));
  const unsigned flags = info.Length() > 2 && !info[2].IsUndefined() ? static_cast<unsigned>(argNumber(info, 2, "flagsBetween", 1, 1000)) : 1;
  for (const auto& f : frames)
    if (f.size() > HdlcEncoder::kMaxFrame - 2) throwRange(env, "frame longer than the encoder's capacity");
  ListSource src;
  src.frames = &frames;
  CollectTap tap;
  HdlcEncoder enc(&src);
  enc.setTap(&tap);
  enc.setFlagsBetweenFrames(flags);
  auto out = Napi::Buffer<uint8_t>::New(env, octets);
  for (size_t i = 0; i < octets; ++i) out.Data()[i] = enc.nextOctet();
  Napi::Object r = Napi::Object::New(env);
  r.Set("octets", out);
  r.Set("tapped", bufferArray(env, tap.tx));
  return r;
}

struct CollectSink : HdlcFrameSink {
  std::vector<std::vector<uint8_t>> frames;
  std::vector<HdlcError> errors;
  void onFrame(const uint8_t* p, size_t n) override { frames.emplace_back(p, p + n); }
  void onError(HdlcError e) override { errors.push_back(e); }
};

// hdlcDecode(octets: Buffer, {maxFrameWithFcs, minFrameWithFcs}) -> {frames, errors, counters}
Napi::Value HdlcDecode(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto in = argBuffer(info, 0, "octets");
  Napi::Object o = optObject(info, 1);
  const size_t maxF = static_cast<size_t>(optNumber(o, "maxFrameWithFcs", 300, 2, 65536));
  const size_t minF = static_cast<size_t>(optNumber(o, "minFrameWithFcs", 5, 2, 65536));
  CollectSink sink;
  CollectTap tap;
  HdlcDecoder dec(&sink, maxF, minF);
  dec.setTap(&tap);
  dec.push(in.Data(), in.Length());
  Napi::Object r = Napi::Object::New(env);
  Napi::Array fr = Napi::Array::New(env, sink.frames.size());
  for (size_t i = 0; i < sink.frames.size(); ++i)
    fr.Set(static_cast<uint32_t>(i), Napi::Buffer<uint8_t>::Copy(env, sink.frames[i].data(), sink.frames[i].size()));
  Napi::Array er = Napi::Array::New(env, sink.errors.size());
  for (size_t i = 0; i < sink.errors.size(); ++i) er.Set(static_cast<uint32_t>(i), hdlcErrorName(sink.errors[i]));
  r.Set("frames", fr);
  r.Set("errors", er);
  r.Set("counters", hdlcCountersObject(env, dec.counters()));
  r.Set("tapped", bufferArray(env, tap.rx));
  return r;
}

Napi::Value Fcs16Fn(const Napi::CallbackInfo& info) {
  auto b = argBuffer(info, 0, "data");
  return Napi::Number::New(info.Env(), Fcs16::compute(b.Data(), b.Length()));
}

Napi::Value Crc4Fn(const Napi::CallbackInfo& info) {
  auto b = argBuffer(info, 0, "data");
  return Napi::Number::New(info.Env(), Crc4::compute(b.Data(), b.Length()));
}

// ---- PRBS -----------------------------------------------------------------------------------

Napi::Value PrbsGenerate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const size_t n = static_cast<size_t>(argNumber(info, 0, "octets", 0, 64e6));
  const uint16_t seed = info.Length() > 1 && !info[1].IsUndefined() ? static_cast<uint16_t>(argNumber(info, 1, "seed", 1, 0x7FFF)) : 0x7FFF;
  PrbsGenerator g(seed);
  auto out = Napi::Buffer<uint8_t>::New(env, n);
  for (size_t i = 0; i < n; ++i) out.Data()[i] = g.nextOctet();
  return out;
}

Napi::Object prbsObject(Napi::Env env, const PrbsChecker& c) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("synced", c.synced());
  o.Set("bits", static_cast<double>(c.bits()));
  o.Set("bitErrors", static_cast<double>(c.bitErrors()));
  o.Set("syncLosses", static_cast<double>(c.syncLosses()));
  return o;
}

Napi::Value PrbsCheck(const Napi::CallbackInfo& info) {
  auto b = argBuffer(info, 0, "octets");
  PrbsChecker c;
  for (size_t i = 0; i < b.Length(); ++i) c.push(b.Data()[i]);
  return prbsObject(info.Env(), c);
}

// ---- Framers --------------------------------------------------------------------------------

// txFrames(frames: number, {crc4, fill, prbs}) -> Buffer of frames*32 line octets
Napi::Value TxFrames(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const size_t frames = static_cast<size_t>(argNumber(info, 0, "frames", 0, 1e6));
  Napi::Object o = optObject(info, 1);
  const bool crc4 = optBool(o, "crc4", true);
  const bool prbs = optBool(o, "prbs", false);
  const uint8_t fill = static_cast<uint8_t>(optNumber(o, "fill", 0xD5, 0, 255));
  const bool rai = optBool(o, "rai", false);
  const int mimicTs = static_cast<int>(optNumber(o, "mimicTs", 0, 0, 31));
  TxFramer tx(crc4);
  tx.setRai(rai);
  PrbsGenerator g;
  auto out = Napi::Buffer<uint8_t>::New(env, frames * kFrameOctets);
  for (size_t f = 0; f < frames; ++f) {
    uint8_t* fr = out.Data() + f * kFrameOctets;
    for (int i = 1; i < kFrameOctets; ++i) fr[i] = prbs ? g.nextOctet() : fill;
    // A payload timeslot imitating FAS/NFAS (no CRC-4): a spurious frame alignment for the receiver.
    if (mimicTs > 0) fr[mimicTs] = (f & 1) ? static_cast<uint8_t>(kBit1 | kNfasBit2 | kNfasSaBits) : static_cast<uint8_t>(kBit1 | kFasPattern);
    tx.buildFrame(fr);
  }
  return out;
}

// rxFramerRun(octets: Buffer, {crc4, chunk}) -> {status, counters, firstAlignedOctet, frames: Buffer}
Napi::Value RxFramerRun(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto in = argBuffer(info, 0, "octets");
  Napi::Object o = optObject(info, 1);
  const bool crc4 = optBool(o, "crc4", true);
  const size_t chunk = static_cast<size_t>(optNumber(o, "chunk", 256, 1, 1e6));
  struct Keep : RxFrameSink {
    std::vector<uint8_t> out;
    void onFrame(const uint8_t f[32]) override { out.insert(out.end(), f, f + 32); }
  } sink;
  RxFramer rx(crc4);
  double firstAligned = -1, firstMf = -1;
  for (size_t i = 0; i < in.Length(); i += chunk) {
    const size_t n = in.Length() - i < chunk ? in.Length() - i : chunk;
    rx.push(in.Data() + i, n, &sink);
    if (firstAligned < 0 && rx.status().frameAligned) firstAligned = static_cast<double>(i + n);
    if (firstMf < 0 && rx.status().mfAligned) firstMf = static_cast<double>(i + n);
  }
  Napi::Object r = Napi::Object::New(env);
  r.Set("status", statusObject(env, rx));
  r.Set("counters", countersObject(env, rx.counters()));
  r.Set("alignedAfterOctets", firstAligned);
  r.Set("mfAlignedAfterOctets", firstMf);
  r.Set("frames", Napi::Buffer<uint8_t>::Copy(env, sink.out.data(), sink.out.size()));
  return r;
}

// ---- Two-ended line simulator ---------------------------------------------------------------

// Delays a bit stream by k bits (k <= 48), the first k bits being ones.
class BitShifter {
 public:
  explicit BitShifter(int k) : acc_(k ? (1ull << k) - 1 : 0), bits_(k) {}
  uint8_t shift(uint8_t in) {
    acc_ = (acc_ << 8) | in;
    const uint8_t out = static_cast<uint8_t>(acc_ >> bits_);
    acc_ &= (bits_ ? (1ull << bits_) - 1 : 0);
    return out;
  }

 private:
  uint64_t acc_;
  int bits_;
};

class E1LinkSim : public Napi::ObjectWrap<E1LinkSim> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "E1LinkSim",
                       {InstanceMethod("run", &E1LinkSim::Run), InstanceMethod("status", &E1LinkSim::Status),
                        InstanceMethod("counters", &E1LinkSim::Counters),
                        InstanceMethod("injectBitErrors", &E1LinkSim::InjectBitErrors),
                        InstanceMethod("setRai", &E1LinkSim::SetRai), InstanceMethod("setTxCrc4", &E1LinkSim::SetTxCrc4),
                        InstanceMethod("setRxCrc4", &E1LinkSim::SetRxCrc4),
                        InstanceMethod("corruptFas", &E1LinkSim::CorruptFas),
                        InstanceMethod("setAllOnes", &E1LinkSim::SetAllOnes),
                        InstanceMethod("flipLineBits", &E1LinkSim::FlipLineBits),
                        InstanceMethod("framesRun", &E1LinkSim::FramesRun)});
  }

  explicit E1LinkSim(const Napi::CallbackInfo& info) : Napi::ObjectWrap<E1LinkSim>(info) {
    Napi::Object o = optObject(info, 0);
    const bool crc4A = optBool(o, "crc4A", true);
    const bool crc4B = optBool(o, "crc4B", true);
    feedback_ = optBool(o, "eBitFeedback", true);
    rng_ = static_cast<uint32_t>(optNumber(o, "seed", 1, 1, 4294967295.0));
    const int shiftAB = static_cast<int>(optNumber(o, "shiftAB", 0, 0, 48));
    const int shiftBA = static_cast<int>(optNumber(o, "shiftBA", 0, 0, 48));
    side_[0].init(crc4A, shiftBA);  // side A's RX receives the B->A line
    side_[1].init(crc4B, shiftAB);
  }

 private:
  struct Side {
    TxFramer* tx = nullptr;
    RxFramer* rx = nullptr;
    BitShifter* inShift = nullptr;  // on the line arriving at this side
    PrbsGenerator gen;
    PrbsChecker chk;
    // impairments on the line leaving this side
    uint32_t corruptFas = 0;
    uint32_t flipBits = 0;
    uint32_t flipCount = 0;
    bool allOnes = false;
    void init(bool crc4, int shiftIn) {
      tx = new TxFramer(crc4);
      rx = new RxFramer(crc4);
      inShift = new BitShifter(shiftIn);
    }
    ~Side() {
      delete tx;
      delete rx;
      delete inShift;
    }
  };
  struct CheckSink : RxFrameSink {
    PrbsChecker* chk;
    void onFrame(const uint8_t f[32]) override {
      for (int i = 1; i < kFrameOctets; ++i) chk->push(f[i]);
    }
  };

  uint32_t rand32() {  // xorshift32, deterministic per seed
    rng_ ^= rng_ << 13;
    rng_ ^= rng_ >> 17;
    rng_ ^= rng_ << 5;
    return rng_;
  }

  int sideArg(const Napi::CallbackInfo& info) {
    if (info.Length() < 1 || !info[0].IsString()) throwType(info.Env(), "side must be 'a' or 'b'");
    const std::string s = info[0].As<Napi::String>().Utf8Value();
    if (s == "a") return 0;
    if (s == "b") return 1;
    throwType(info.Env(), "side must be 'a' or 'b'");
  }

  void oneFrame(int from) {
    Side& s = side_[from];
    Side& d = side_[1 - from];
    uint8_t fr[kFrameOctets];
    for (int i = 1; i < kFrameOctets; ++i) fr[i] = s.gen.nextOctet();
    s.tx->buildFrame(fr);
    if (s.corruptFas > 0 && (fr[0] & kFasMask) == kFasPattern) {
      fr[0] ^= 0x02;  // bit 7 of the FAS word wrong
      --s.corruptFas;
    }
    if (s.flipBits > 0 && (++s.flipCount & 7) == 0) {
      const uint32_t r = rand32();
      fr[r % kFrameOctets] ^= static_cast<uint8_t>(1u << ((r >> 8) & 7));
      --s.flipBits;
    }
    if (s.allOnes) std::memset(fr, 0xFF, sizeof fr);
    for (int i = 0; i < kFrameOctets; ++i) fr[i] = d.inShift->shift(fr[i]);
    CheckSink sink;
    sink.chk = &d.chk;
    d.rx->push(fr, kFrameOctets, &sink);
  }

  Napi::Value Run(const Napi::CallbackInfo& info) {
    const uint64_t n = static_cast<uint64_t>(argNumber(info, 0, "frames", 0, 1e7));
    for (uint64_t k = 0; k < n; ++k) {
      oneFrame(0);
      oneFrame(1);
      for (int i = 0; i < 2; ++i) {
        bool errored;
        while (side_[i].rx->popSmfResult(&errored))
          if (feedback_) side_[i].tx->reportRxSubmultiframe(errored);
      }
      ++frames_;
    }
    return info.Env().Undefined();
  }

  Napi::Value Status(const Napi::CallbackInfo& info) { return statusObject(info.Env(), *side_[sideArg(info)].rx); }

  Napi::Value Counters(const Napi::CallbackInfo& info) {
    const Side& s = side_[sideArg(info)];
    Napi::Object o = countersObject(info.Env(), s.rx->counters());
    o.Set("prbs", prbsObject(info.Env(), s.chk));
    return o;
  }

  Napi::Value InjectBitErrors(const Napi::CallbackInfo& info) {
    const int s = sideArg(info);
    side_[s].tx->injectBitErrors(static_cast<uint32_t>(argNumber(info, 1, "bits", 0, 1e6)));
    return info.Env().Undefined();
  }
  Napi::Value SetRai(const Napi::CallbackInfo& info) {
    const int s = sideArg(info);
    side_[s].tx->setRai(info.Length() > 1 && info[1].ToBoolean().Value());
    return info.Env().Undefined();
  }
  Napi::Value SetTxCrc4(const Napi::CallbackInfo& info) {
    const int s = sideArg(info);
    side_[s].tx->setCrc4(info.Length() > 1 && info[1].ToBoolean().Value());
    return info.Env().Undefined();
  }
  Napi::Value SetRxCrc4(const Napi::CallbackInfo& info) {
    const int s = sideArg(info);
    side_[s].rx->setCrc4(info.Length() > 1 && info[1].ToBoolean().Value());
    return info.Env().Undefined();
  }
  Napi::Value CorruptFas(const Napi::CallbackInfo& info) {
    const int s = sideArg(info);
    side_[s].corruptFas += static_cast<uint32_t>(argNumber(info, 1, "count", 0, 1e6));
    return info.Env().Undefined();
  }
  Napi::Value SetAllOnes(const Napi::CallbackInfo& info) {
    const int s = sideArg(info);
    side_[s].allOnes = info.Length() > 1 && info[1].ToBoolean().Value();
    return info.Env().Undefined();
  }
  Napi::Value FlipLineBits(const Napi::CallbackInfo& info) {
    const int s = sideArg(info);
    side_[s].flipBits += static_cast<uint32_t>(argNumber(info, 1, "bits", 0, 1e6));
    return info.Env().Undefined();
  }
  Napi::Value FramesRun(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), static_cast<double>(frames_)); }

  Side side_[2];
  bool feedback_ = true;
  uint32_t rng_ = 1;
  uint64_t frames_ = 0;
};

// ---- pcap -----------------------------------------------------------------------------------

// pcapWrite(path, frames: Buffer[], timestampsUs: number[], linktype = 140) -> {written, dropped}
Napi::Value PcapWrite(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) throwType(env, "path must be a string");
  const std::string path = info[0].As<Napi::String>().Utf8Value();
  auto frames = argBufferList(info, 1, "frames");
  if (info.Length() < 3 || !info[2].IsArray()) throwType(env, "timestampsUs must be an array of numbers");
  Napi::Array ts = info[2].As<Napi::Array>();
  if (ts.Length() != frames.size()) throwRange(env, "timestampsUs must have one entry per frame");
  const uint32_t linktype = info.Length() > 3 && !info[3].IsUndefined() ? static_cast<uint32_t>(argNumber(info, 3, "linktype", 0, 65535)) : PcapWriter::kLinktypeMtp2;
  PcapWriter w;
  if (!w.open(path, linktype)) throwDomain(env, "EPCAP_OPEN", "cannot create pcap file " + path);
  for (size_t i = 0; i < frames.size(); ++i) {
    Napi::Value v = ts.Get(static_cast<uint32_t>(i));
    if (!v.IsNumber()) throwType(env, "timestampsUs must be an array of numbers");
    w.enqueue(frames[i].data(), frames[i].size(), static_cast<uint64_t>(v.As<Napi::Number>().DoubleValue()));
  }
  w.close();
  Napi::Object r = Napi::Object::New(env);
  r.Set("written", static_cast<double>(w.written()));
  r.Set("dropped", static_cast<double>(w.dropped()));
  return r;
}

void InitE1Exports(Napi::Env env, Napi::Object exports) {
  Napi::Object e1 = Napi::Object::New(env);
  e1.Set("hdlcEncode", Napi::Function::New(env, HdlcEncode, "hdlcEncode"));
  e1.Set("hdlcDecode", Napi::Function::New(env, HdlcDecode, "hdlcDecode"));
  e1.Set("hdlcEncodeTapped", Napi::Function::New(env, HdlcEncodeTapped, "hdlcEncodeTapped"));
  e1.Set("fcs16", Napi::Function::New(env, Fcs16Fn, "fcs16"));
  e1.Set("crc4", Napi::Function::New(env, Crc4Fn, "crc4"));
  e1.Set("prbsGenerate", Napi::Function::New(env, PrbsGenerate, "prbsGenerate"));
  e1.Set("prbsCheck", Napi::Function::New(env, PrbsCheck, "prbsCheck"));
  e1.Set("txFrames", Napi::Function::New(env, TxFrames, "txFrames"));
  e1.Set("rxFramerRun", Napi::Function::New(env, RxFramerRun, "rxFramerRun"));
  e1.Set("pcapWrite", Napi::Function::New(env, PcapWrite, "pcapWrite"));
  e1.Set("E1LinkSim", E1LinkSim::Define(env));
  exports.Set("e1", e1);
}

}  // namespace

TANDEM_REGISTER_EXPORTS("e1", InitE1Exports);

}  // namespace tandem::e1
