/**
 * PyTorch in: reading {@code torch.save} zip archives without Python, and torchvision's state-dict
 * names mapped onto the zoo's canonical names.
 */
package dev.zoo.importer.torch;
