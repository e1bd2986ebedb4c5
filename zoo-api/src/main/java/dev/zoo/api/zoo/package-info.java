/**
 * The zoo: AlexNet, VGG, ImageNet and CIFAR ResNets, their plain twins and the lesson CNN, each
 * written once as data (a config) plus one builder, and registered by name in {@link dev.zoo.api.zoo.ModelZoo}.
 */
package dev.zoo.api.zoo;
