/**
 * Networks and weights from elsewhere, turned into zoo's own forms: Keras configs into
 * architecture files and Keras HDF5 weights, PyTorch {@code torch.save} state dicts of torchvision
 * models into canonical safetensors ({@link dev.zoo.api.weights.Weights}).
 */
package dev.zoo.importer;
