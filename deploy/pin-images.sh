#!/usr/bin/env bash
# Pins every image of the prod overlay by its digest, at release: reads each image's digest from the registry
# (crane, or skopeo) and writes it into deploy/k8s/overlays/prod/kustomization.yaml with kustomize.
#
#   deploy/pin-images.sh REGISTRY/sukha TAG          e.g. deploy/pin-images.sh ghcr.io/acme/sukha 0.1.0
#
# The Sukha images are the ones `./mvnw -Pimage ... jib:build` pushed as REGISTRY/<service>:TAG; MongoDB is the
# official image at the tag the overlay names. Committed, the overlay holds zeros: applied unpinned, nothing pulls.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 REGISTRY TAG" >&2; exit 2; }
registry=$1 tag=$2
cd "$(dirname "$0")/k8s/overlays/prod"
digest() {
  if command -v crane >/dev/null; then crane digest "$1"
  elif command -v skopeo >/dev/null; then skopeo inspect --format '{{.Digest}}' "docker://$1"
  else echo "crane or skopeo is needed to read digests" >&2; exit 1; fi
}
for service in routine-service session-service insights-service; do
  kustomize edit set image "sukha/$service=$registry/$service:$tag@$(digest "$registry/$service:$tag")"
done
mongo_tag=$(sed -n '/name: mongo$/,/digest/s/.*newTag: *//p' kustomization.yaml)
kustomize edit set image "mongo=mongo:$mongo_tag@$(digest "docker.io/library/mongo:$mongo_tag")"
echo "pinned: $(grep -c 'digest: sha256:' kustomization.yaml) images"
