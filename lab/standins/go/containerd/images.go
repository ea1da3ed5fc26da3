package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"time"

	runtimeapi "k8s.io/cri-api/pkg/apis/runtime/v1"

	"kubeha.invalid/kubernetes-build/standins/calllog"
)

// imageService stands for a registry mirror: every pull succeeds and is remembered (and logged);
// what a container of an image runs is decided by binaryFor when it is created.
type imageService struct {
	runtimeapi.UnimplementedImageServiceServer
	store *store
}

func imageRef(image string) string {
	sum := sha256.Sum256([]byte(image))
	return "sha256:" + hex.EncodeToString(sum[:])
}

func imageKey(image string) string { return strings.TrimPrefix(imageRef(image), "sha256:") }

func (s *imageService) image(ref string) *runtimeapi.Image {
	var tags []string
	if readJSON(s.store.path("images", imageKey(ref), ".json"), &tags) != nil {
		return nil
	}
	return &runtimeapi.Image{Id: imageRef(ref), RepoTags: tags, Size: 1 << 20}
}

func (s *imageService) ListImages(context.Context, *runtimeapi.ListImagesRequest) (*runtimeapi.ListImagesResponse, error) {
	var out []*runtimeapi.Image
	for _, id := range s.store.ids("images") {
		var tags []string
		if readJSON(s.store.path("images", id, ".json"), &tags) == nil && len(tags) > 0 {
			out = append(out, &runtimeapi.Image{Id: "sha256:" + id, RepoTags: tags, Size: 1 << 20})
		}
	}
	return &runtimeapi.ListImagesResponse{Images: out}, nil
}

func (s *imageService) ImageStatus(_ context.Context, req *runtimeapi.ImageStatusRequest) (*runtimeapi.ImageStatusResponse, error) {
	return &runtimeapi.ImageStatusResponse{Image: s.image(req.GetImage().GetImage())}, nil
}

func (s *imageService) PullImage(_ context.Context, req *runtimeapi.PullImageRequest) (*runtimeapi.PullImageResponse, error) {
	started := time.Now()
	ref := req.GetImage().GetImage()
	if err := writeJSON(s.store.path("images", imageKey(ref), ".json"), []string{ref}); err != nil {
		return nil, err
	}
	calllog.Log("containerd", []string{"pull", ref}, "0", started)
	return &runtimeapi.PullImageResponse{ImageRef: imageRef(ref)}, nil
}

func (s *imageService) RemoveImage(_ context.Context, req *runtimeapi.RemoveImageRequest) (*runtimeapi.RemoveImageResponse, error) {
	_ = os.Remove(s.store.path("images", imageKey(req.GetImage().GetImage()), ".json"))
	return &runtimeapi.RemoveImageResponse{}, nil
}

func (s *imageService) ImageFsInfo(context.Context, *runtimeapi.ImageFsInfoRequest) (*runtimeapi.ImageFsInfoResponse, error) {
	return &runtimeapi.ImageFsInfoResponse{}, nil
}
