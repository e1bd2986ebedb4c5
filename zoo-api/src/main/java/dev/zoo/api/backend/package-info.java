/** The backend SPI: compile an architecture into a network that trains, predicts and moves weights. */
package dev.zoo.api.backend;
