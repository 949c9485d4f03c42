// Collects the per-component parts of the "media" export group.
#include "media/media_binding_parts.h"

namespace tandem::media {

void initMediaParts(Napi::Env env, Napi::Object media) {
  initJbBinding(env, media);
  initDtmfBinding(env, media);
  initRtpBinding(env, media);
  initChannelBinding(env, media);
}

}  // namespace tandem::media
